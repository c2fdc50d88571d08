package org.citusschemas.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ping service's HTTP contract, deployed on Payara Micro; it pings loopback only. */
class PingIT extends DeployedService {

    private static long storedResults() throws Exception {
        return TestCluster.count("pingservice", "ping_results");
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "localhost"})
    void pingsALoopbackHostAndStoresTheOutput(String host) throws Exception {
        long before = storedResults();
        HttpReply reply = new ServiceClient(base).postJson("ping", "{\"host\":\"" + host + "\"}");

        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.object();
        assertEquals(host, body.getString("host"));
        String result = body.getString("result");
        assertTrue(result.contains("4 packets transmitted, 4 received"), result);
        assertEquals(before + 1, storedResults());
        try (Connection db = TestCluster.connectAs("pingservice");
                Statement query = db.createStatement();
                ResultSet last = query.executeQuery("SELECT host, result FROM ping_results ORDER BY id DESC LIMIT 1")) {
            last.next();
            assertEquals(host, last.getString("host"));
            assertEquals(result, last.getString("result"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            an empty host            | {"host":""}                         | host must be a host name
            a blank host             | {"host":"   "}                      | host must be a host name
            an option-like host      | {"host":"-f"}                       | host must be a host name
            a host with a space      | {"host":"127.0.0.1 -f"}             | host must be a host name
            shell metacharacters     | {"host":"127.0.0.1;touch /tmp/x"}   | host must be a host name
            command substitution     | {"host":"$(id)"}                    | host must be a host name
            no host                  | {}                                  | host must not be null
            a number for a host      | {"host":127}                        | host must be a string, not a number
            a short numeric address  | {"host":"127.1"}                    | host must be a host name
            not an object            | "127.0.0.1"                         | the body must be an object, not a string
            an array of the object   | [{"host":"127.0.0.1"}]              | the body must be an object, not an array
            a count as text          | {"host":"127.0.0.1","count":"1"}    | count must be a whole number, not a string
            a fractional count       | {"host":"127.0.0.1","count":1.0}    | count must be a whole number, written without
            an unknown field         | {"host":"127.0.0.1","timeout":1}    | timeout is not a field of this request
            a second document        | {"host":"127.0.0.1"} {}             | the body has content after the JSON document
            malformed JSON           | {"host":                            | not valid JSON
            """)
    void rejectsAnythingButAHostAndRunsNothing(String what, String body, String detail) throws Exception {
        long before = storedResults();
        HttpReply reply = new ServiceClient(base).postJson("ping", body);

        assertEquals(400, reply.status(), () -> what + ": " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertTrue(reply.object().getString("detail").contains(detail), () -> what + ": " + reply);
        assertEquals(before, storedResults(), what + " stored a result");
    }

    @Test
    void sendsAsManyEchoRequestsAsAsked() throws Exception {
        HttpReply reply = new ServiceClient(base).postJson("ping", "{\"host\":\"127.0.0.1\",\"count\":1}");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.object().getString("result").contains("1 packets transmitted, 1 received"), reply::toString);
        for (String count : new String[] {"0", "5", "-1"}) {
            HttpReply refused =
                    new ServiceClient(base).postJson("ping", "{\"host\":\"127.0.0.1\",\"count\":" + count + "}");
            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.object().getString("detail").contains("count must be from 1 to 4"), refused::toString);
        }
    }

    @Test
    void rejectsAHostLongerThan253Characters() throws Exception {
        long before = storedResults();
        String host = ("a".repeat(63) + ".").repeat(4) + "a";
        HttpReply reply = new ServiceClient(base).postJson("ping", "{\"host\":\"" + host + "\"}");
        assertEquals(400, reply.status(), reply::toString);
        assertEquals(before, storedResults());
    }

    @Test
    void rejectsAWrongContentType() throws Exception {
        long before = storedResults();
        HttpReply reply = new ServiceClient(base).post("ping", "application/x-www-form-urlencoded", "host=127.0.0.1");
        assertEquals(415, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(before, storedResults());
    }
}
