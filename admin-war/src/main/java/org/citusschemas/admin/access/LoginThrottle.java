package org.citusschemas.admin.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed logins, counted per user name and per client address: after
 * {@code admin.login.max-failures-per-user} (5) failures for a user name, or
 * {@code admin.login.max-failures-per-address} (20) from one address, within
 * {@code admin.login.window-seconds} (300), that user name, or every login from that address, is
 * refused (429 with Retry-After) for as long again, without its password being checked. A
 * successful login is not slowed and clears its user name's count. Each failure and each lock is
 * logged (user name and address, never a password). The counts live in this server's memory.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** HTTP's status for it. */
    public static final int TOO_MANY_REQUESTS = 429;

    /** What a refused login is told. */
    public static String refusal(long seconds) {
        return "Too many failed logins for this user name or from this address: logins are refused for " + seconds
                + " s more";
    }

    @Inject
    @ConfigProperty(name = "admin.login.max-failures-per-user", defaultValue = "5")
    int maxPerUser;

    /** More than per user: several people may log in from one address (a NAT, a proxy). */
    @Inject
    @ConfigProperty(name = "admin.login.max-failures-per-address", defaultValue = "20")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "admin.login.window-seconds", defaultValue = "300")
    int windowSeconds;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Map<String, Instant> lockedUntil = new HashMap<>();

    /**
     * Seconds until a login for this user name from this address may be tried again; empty: now.
     * Asked on every request with credentials: two look-ups, no clean-up (an ended lock counts as
     * none; {@link #failed} drops it).
     */
    public synchronized OptionalLong retryAfter(String user, String address) {
        Instant now = clock.instant();
        long wait = Math.max(
                secondsUntil(lockedUntil.get(userKey(user)), now),
                secondsUntil(lockedUntil.get(addressKey(address)), now));
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        forgetBefore(now);
        count(userKey(user), maxPerUser, now);
        count(addressKey(address), maxPerAddress, now);
        LOG.info(() -> "Failed login for user '" + user + "' from " + address);
    }

    private void count(String key, int limit, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        if (times.size() >= limit && !lockedUntil.containsKey(key)) {
            lockedUntil.put(key, now.plus(window()));
            times.clear();
            LOG.warning(() -> "Locked the logins of " + key + " for " + windowSeconds + " s after " + limit
                    + " failed logins within " + windowSeconds + " s");
        }
    }

    public synchronized void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }

    /** Drops failures older than the window and locks that have ended, so the maps stay small. */
    private void forgetBefore(Instant now) {
        Instant oldest = now.minus(window());
        failures.values().forEach(times -> {
            while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
                times.removeFirst();
            }
        });
        failures.values().removeIf(Deque::isEmpty);
        lockedUntil.values().removeIf(until -> !until.isAfter(now));
    }

    /** Whole seconds until then, rounded up; 0 when it has passed or there is none. */
    private static long secondsUntil(Instant until, Instant now) {
        if (until == null || !until.isAfter(now)) {
            return 0;
        }
        return (Duration.between(now, until).toMillis() + 999) / 1000;
    }

    private static String userKey(String user) {
        return "user '" + user + "'";
    }

    private static String addressKey(String address) {
        return "address " + address;
    }
}
