/** Where each distributed schema's tables live, node by node: the tutorial's "explore the database". */
package org.citusschemas.admin.placement;
