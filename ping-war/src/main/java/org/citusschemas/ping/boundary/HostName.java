package org.citusschemas.ping.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A host name (RFC 1123: dot-separated labels of letters, digits and inner hyphens, at most 253
 * characters), an IPv4 address in dotted-quad form, or an IPv6 literal. Nothing else reaches the
 * ping command: no spaces, no option-like leading '-', no shell characters. Numbers in the other
 * forms the resolver accepts ({@code 127} is 0.0.0.127, {@code 127.1}, {@code 0x7f}, {@code 0177.0.0.1})
 * are refused, because they do not point where they seem to. Checking never resolves a name.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HostName.Validator.class)
public @interface HostName {

    String message() default "must be a host name or an IP address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HostName, String> {

        static final int MAX_LENGTH = 253;
        private static final Pattern NAME =
                Pattern.compile("(?=.{1,253}\\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                        + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
        /** A label inet_aton would read as a number: decimal, octal (leading 0) or hex (0x). */
        private static final Pattern NUMERIC_LABEL = Pattern.compile("0[xX][0-9A-Fa-f]*|[0-9]+");

        private static final Pattern DOTTED_QUAD = Pattern.compile(
                "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
        private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

        @Override
        public boolean isValid(String host, ConstraintValidatorContext context) {
            return host == null || isHost(host); // null is @NotNull's to report
        }

        public static boolean isHost(String host) {
            if (host.isEmpty() || host.length() > MAX_LENGTH) {
                return false;
            }
            if (host.indexOf(':') >= 0) {
                return isIpv6Literal(host);
            }
            if (!NAME.matcher(host).matches()) {
                return false;
            }
            boolean numeric = Arrays.stream(host.split("\\."))
                    .allMatch(label -> NUMERIC_LABEL.matcher(label).matches());
            return !numeric || DOTTED_QUAD.matcher(host).matches();
        }

        private static boolean isIpv6Literal(String host) {
            if (!IPV6_CHARACTERS.matcher(host).matches()) {
                return false;
            }
            try {
                // With a ':' in it, getByName parses a literal and never looks the name up.
                return InetAddress.getByName(host).getAddress().length == 16;
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
