package org.citusschemas.admin.cleanup;

/** Leftovers that Citus' cleanup skipped on a node because something still holds them. */
class LeftoversInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final long left;

    LeftoversInUseException(long left) {
        super(left + " leftover(s) still in use");
        this.left = left;
    }
}
