/** Failing fast while the node holding a service's schema is known to be gone (MicroProfile Fault Tolerance). */
package org.citusschemas.support.failfast;
