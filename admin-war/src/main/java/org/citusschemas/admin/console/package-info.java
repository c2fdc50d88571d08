/**
 * The operator console: one page (HTML, CSS and JavaScript modules under the classpath's
 * {@code console/}, served as they are: no build step, nothing fetched from elsewhere) that draws
 * the cluster and acts on it through the same JSON API as curl. It has no backend of its own:
 * this package only serves its files.
 */
package org.citusschemas.admin.console;
