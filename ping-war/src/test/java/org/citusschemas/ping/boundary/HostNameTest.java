package org.citusschemas.ping.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNameTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "127.0.0.1",
                "::1",
                "fe80::1",
                "2001:db8::8a2e:370:7334",
                "example.com",
                "example.com.",
                "a-b.c-d.example",
                "xn--bcher-kva.example",
                "0.0.0.0"
            })
    void acceptsHostNamesAndAddresses(String host) {
        assertTrue(HostName.Validator.isHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "-c",
                "-fi",
                "local host",
                "127.0.0.1;reboot",
                "$(id)",
                "`id`",
                "a|b",
                "a&b",
                "host\nname",
                "a..b",
                ".example",
                "-example.com",
                "example-.com",
                "under_score.example",
                "::1; id",
                "1:2:3:4:5:6:7:8:9",
                "fe80::1%eth0",
                "[::1]"
            })
    void rejectsAnythingElse(String host) {
        assertFalse(HostName.Validator.isHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127",
                "2130706433",
                "127.1",
                "127.0.1",
                "0x7f",
                "0x7f.0.0.1",
                "0177.0.0.1",
                "127.000.000.001",
                "1.2.3.256",
                "1.2.3.4.5",
                "999.1.1.1"
            })
    void rejectsNumbersThatAreNotADottedQuadBecauseTheyPointElsewhere(String host) {
        assertFalse(HostName.Validator.isHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 300})
    void rejectsNamesLongerThan253Characters(int length) {
        assertFalse(HostName.Validator.isHost(longName(length)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 63, 253})
    void acceptsNamesUpTo253Characters(int length) {
        assertTrue(HostName.Validator.isHost(longName(length)), "length " + length);
    }

    @ParameterizedTest
    @ValueSource(ints = {64})
    void rejectsALabelLongerThan63Characters(int length) {
        assertFalse(HostName.Validator.isHost("a".repeat(length) + ".example"));
    }

    /** Labels of up to 63 letters joined by dots, exactly {@code length} characters long. */
    private static String longName(int length) {
        StringBuilder name = new StringBuilder();
        while (name.length() < length) {
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append("a".repeat(Math.max(1, Math.min(63, length - name.length()))));
        }
        return name.toString();
    }
}
