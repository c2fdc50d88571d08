package org.citusschemas.admin.schemas;

/** Citus' shard_transfer_mode values, as the API accepts them. */
public final class TransferMode {

    /** The pattern a request's {@code mode} must match. */
    public static final String PATTERN = "auto|force_logical|block_writes";

    public static final String MESSAGE = "must be auto, force_logical or block_writes";
    public static final String DEFAULT = "auto";

    private TransferMode() {}

    public static String orDefault(String mode) {
        return mode == null ? DEFAULT : mode;
    }
}
