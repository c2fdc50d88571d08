package org.citusschemas.admin.citus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseAddressTest {

    @Test
    void readsHostPortAndTheGivenDatabaseFromTheDriversUrl() {
        assertEquals(new DatabaseAddress("127.0.0.1", 9700, "citus"),
                DatabaseAddress.of("jdbc:postgresql://127.0.0.1:9700/citus?ApplicationName=citusadmin", "citus"));
    }

    @Test
    void takesTheFirstOfSeveralHostsAndTheDefaultPort() {
        assertEquals(new DatabaseAddress("c.example.com", 5432, "app"),
                DatabaseAddress.of("jdbc:postgresql://c.example.com,d.example.com:6432/app", "app"));
    }

    @Test
    void unwrapsAnIpv6Host() {
        assertEquals(new DatabaseAddress("::1", 9700, "citus"), DatabaseAddress.of("jdbc:postgresql://[::1]:9700/citus", "citus"));
    }

    @Test
    void refusesWhatIsNoPostgresUrl() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseAddress.of("jdbc:mysql://h/db", "db"));
    }
}
