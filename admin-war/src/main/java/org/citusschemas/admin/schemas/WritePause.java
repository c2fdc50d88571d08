package org.citusschemas.admin.schemas;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import org.citusschemas.admin.database.RefusedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A move in {@code block_writes} mode holds every write to the schema for as long as it copies
 * it. The services wait for such writes for {@link #SERVICES_WAIT} (their SchemaCalls tries a
 * write again until then), so a move the API expects to take longer is refused before it starts,
 * with a 409 that says why. The copy time is estimated from the schema's size at
 * {@code admin.block-writes-copy-rate} MB/s (default 25: a 320 MB schema took 8.3 s, 39 MB/s, on
 * a 2-core machine under load, so the default leaves a margin). The logical modes hold writes only
 * for the final catch-up, so they are never refused here.
 */
@ApplicationScoped
public class WritePause {

    /** How long a service waits for a write held by a lock: SchemaCalls.BUSY_WAIT_MILLIS. */
    public static final Duration SERVICES_WAIT = Duration.ofSeconds(15);

    public static final String RATE_SETTING = "admin.block-writes-copy-rate";

    @Inject
    @ConfigProperty(name = RATE_SETTING, defaultValue = "25")
    double megabytesPerSecond;

    /** Refuses a block_writes move of any of these schemas that would hold its writes too long. */
    public void requireShortEnough(String transferMode, Collection<DistributedSchema> moving) {
        if (!"block_writes".equals(transferMode)) {
            return;
        }
        for (DistributedSchema schema : moving) {
            double seconds = schema.sizeBytes() / (megabytesPerSecond * 1_000_000);
            if (seconds > SERVICES_WAIT.toSeconds()) {
                throw new RefusedException(String.format(
                        Locale.ROOT,
                        "A block_writes move of %s (%s) would hold "
                                + "its writes for about %.0f s (at the %s MB/s this API assumes, %s), longer than the "
                                + "services wait for a write (%d s): nothing was started. Move it with mode auto or "
                                + "force_logical, which hold writes only for the final catch-up",
                        schema.name(),
                        schema.size(),
                        seconds,
                        megabytesPerSecond,
                        RATE_SETTING,
                        SERVICES_WAIT.toSeconds()));
            }
        }
    }
}
