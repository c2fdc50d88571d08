package org.citusschemas.admin.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseAddressTest {

    @Test
    void readsHostPortTheGivenDatabaseAndTheDefaultTlsFromTheDriversUrl() {
        DatabaseAddress address =
                DatabaseAddress.of("jdbc:postgresql://127.0.0.1:9700/citus?ApplicationName=citusadmin", "citus");
        assertEquals(new DatabaseAddress("127.0.0.1", 9700, "citus", "prefer", null), address);
        assertEquals("prefer", address.poolTlsProperties());
    }

    @Test
    void readsTheTlsSettingsThePoolWasGiven() {
        DatabaseAddress address = DatabaseAddress.of(
                "jdbc:postgresql://c.example.com:5432/citus?sslmode=verify-full"
                        + "&sslrootcert=%2Fetc%2Fcitus%2Fca.pem&ApplicationName=citusadmin",
                "citus");
        assertEquals("verify-full", address.sslMode());
        assertEquals("/etc/citus/ca.pem", address.sslRootCert());
        assertEquals("verify-full:sslrootcert=/etc/citus/ca.pem", address.poolTlsProperties());
    }

    @Test
    void takesTheFirstOfSeveralHostsAndTheDefaultPort() {
        DatabaseAddress address = DatabaseAddress.of("jdbc:postgresql://c.example.com,d.example.com:6432/app", "app");
        assertEquals("c.example.com", address.host());
        assertEquals(5432, address.port());
    }

    @Test
    void unwrapsAnIpv6Host() {
        DatabaseAddress address = DatabaseAddress.of("jdbc:postgresql://[::1]:9700/citus", "citus");
        assertEquals("::1", address.host());
        assertEquals(9700, address.port());
    }

    @Test
    void refusesWhatIsNoPostgresUrl() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseAddress.of("jdbc:mysql://h/db", "db"));
    }
}
