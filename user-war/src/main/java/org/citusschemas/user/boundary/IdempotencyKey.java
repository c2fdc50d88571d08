package org.citusschemas.user.boundary;

import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header): a
 * Structured Field String ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}, RFC 8941: printable
 * ASCII between double quotes, {@code \"} and {@code \\} escaped), or, as many clients send it, the
 * same characters bare without spaces or quotes; 1 to {@value #MAX_LENGTH} characters. Anything
 * else is a 400.
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    private static final Pattern SF_STRING =
            Pattern.compile("\"((?:[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\"\\\\])*)\"");
    private static final Pattern BARE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]+");

    /** The key the header carries, or null without one. */
    static IdempotencyKey parse(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.strip();
        String value;
        var quoted = SF_STRING.matcher(trimmed);
        if (quoted.matches()) {
            value = quoted.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        } else if (BARE.matcher(trimmed).matches()) {
            value = trimmed;
        } else {
            throw new BadRequestException(HEADER + " must be a string of printable ASCII characters, quoted as a "
                    + "structured field (\"...\") or bare without spaces");
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new BadRequestException(
                    HEADER + " must have 1 to " + MAX_LENGTH + " characters, not " + value.length());
        }
        return new IdempotencyKey(value);
    }

    /**
     * What a request with this key asked for: SHA-256 over its users' names and emails, in order.
     * The same users sent with other spacing or member order are the same request.
     */
    static String fingerprint(List<NewUser> users) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (NewUser user : users) {
                digest.update(user.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(user.email().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 1);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
