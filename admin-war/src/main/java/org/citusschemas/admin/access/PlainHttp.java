package org.citusschemas.admin.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the admin API takes credentials (a Basic header, the page's login or its session) over
 * plain HTTP: {@code admin.plain-http-credentials} is {@code loopback} (the default: only from a
 * client on this machine, whose traffic never leaves it) or {@code never} (HTTPS only). Over
 * HTTPS, always. A request refused here is answered 403 before its password is looked at (it has
 * crossed the network in the clear by then: change it). Any other value refuses them, and says so
 * in the log.
 */
@ApplicationScoped
public class PlainHttp {

    private static final Logger LOG = Logger.getLogger(PlainHttp.class.getName());

    public static final String SETTING = "admin.plain-http-credentials";

    @Inject
    @ConfigProperty(name = SETTING, defaultValue = "loopback")
    String policy;

    /** Whether credentials on this request may be used. */
    public boolean allowsCredentials(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        return switch (policy) {
            case "never" -> false;
            case "loopback" -> isLoopback(request.getRemoteAddr());
            default -> {
                // Fails closed: HTTPS only, until the setting says what it means.
                LOG.severe(() -> SETTING + " is '" + policy + "', neither loopback nor never: credentials over plain "
                        + "HTTP are refused");
                yield false;
            }
        };
    }

    /** Whether the address (an IP literal, as the container reports the client) is this machine's loopback. */
    static boolean isLoopback(String address) {
        // Literals only (an IPv4 or IPv6 address), so that nothing here asks the DNS.
        if (address == null
                || !(address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                        || address.matches("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[0-9A-Za-z]+)?]?"))) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The refusal's detail. */
    String refusal() {
        return "Credentials are accepted over HTTPS only"
                + (policy.equals("loopback") ? " (over plain HTTP only from this machine)" : "")
                + ": use the admin API's https:// address. "
                + "A password sent this way has crossed the network unencrypted: change it.";
    }
}
