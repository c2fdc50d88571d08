/**
 * Access to the admin API: HTTP Basic against the server's file realm, roles reader (GET) and
 * operator (everything), declared in web.xml and mapped to the realm groups citus-readers and
 * citus-operators in payara-web.xml. This package only renders the container's refusals.
 */
package org.citusschemas.admin.security;
