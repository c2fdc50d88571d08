/**
 * The distributed schemas: list, distribute (onto a chosen node if asked), undistribute and move
 * them, and the rules of a move's transfer mode ({@link org.citusschemas.admin.schemas.WritePause}).
 */
package org.citusschemas.admin.schemas;
