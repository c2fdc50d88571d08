package org.citusschemas.admin.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainHttpTest {

    @Test
    void takesOnlyThisMachinesLoopbackAddressesForLoopback() {
        for (String loopback :
                List.of("127.0.0.1", "127.0.0.21", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1")) {
            assertTrue(PlainHttp.isLoopback(loopback), loopback);
        }
        for (String remote : List.of(
                "192.0.2.2",
                "10.0.0.1",
                "::ffff:192.0.2.2",
                "2001:db8::1",
                "0.0.0.0",
                "",
                "localhost",
                "evil.example",
                "127.0.0.1.evil.example",
                "abc.de",
                "1.2.3")) {
            assertFalse(PlainHttp.isLoopback(remote), remote);
        }
        assertFalse(PlainHttp.isLoopback(null));
    }
}
