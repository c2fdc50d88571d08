/** What moves left behind on the nodes, and deleting it. */
package org.citusschemas.admin.cleanup;
