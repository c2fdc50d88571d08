/**
 * Who may use the admin API and the console page, and how they log in: HTTP Basic for scripts
 * ({@code curl -u}), a session the page opens with {@code POST /session} for browsers, both
 * against the server's "file" realm ({@link AdminLogin}); and no change to the cluster from
 * another site's page ({@link CrossSiteRequests}). Which role may do what stays in web.xml.
 */
package org.citusschemas.admin.access;
