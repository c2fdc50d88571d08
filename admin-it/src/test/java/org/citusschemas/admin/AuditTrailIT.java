package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit trail, through the admin API on the test run's Citus cluster: each change, whether it
 * succeeds, fails or is refused, leaves exactly one record with who, what, its parameters and its
 * outcome as the caller saw it; the admin role cannot change or delete a record; a change whose
 * record cannot be written does not run; a rebalance's record gets its end. And no generated
 * secret is in a record, the OpenAPI document or an answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT extends AdminServer {

    @BeforeEach
    void needsCitus(TestInfo test) {
        CitusRequirement.assumeInstalled(
                "AuditTrailIT." + test.getTestMethod().orElseThrow().getName());
    }

    /** One change as a caller makes it, and what its record must say. */
    record Change(
            String operation, ServiceClient as, String user, String method, String path, String body, int status) {}

    /** The newest record id, from the table itself (0 when there is none). */
    static long newestId() throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery("SELECT coalesce(max(id), 0) FROM admin_audit.request")) {
            row.next();
            return row.getLong(1);
        }
    }

    static long rowsAfter(long id) throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery("SELECT count(*) FROM admin_audit.request WHERE id > " + id)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Sends the change and checks the one record it left, as GET /audit shows it to a reader. */
    JsonObject sendAndFindItsRecord(Change change) throws SQLException {
        long before = newestId();
        OffsetDateTime sent = OffsetDateTime.now();
        HttpReply reply = change.as()
                .send(change.method(), change.path(), change.body() == null ? null : "application/json", change.body());
        assertEquals(change.status(), reply.status(), () -> change + ": " + reply);
        assertEquals(1, rowsAfter(before), () -> change + " left one record");

        HttpReply audit = ok(reader().get("audit?limit=1"));
        JsonObject record = audit.object().getJsonArray("records").getJsonObject(0);
        assertTrue(record.getJsonNumber("id").longValue() > before, record::toString);
        assertEquals(change.user(), record.getString("user"), record::toString);
        assertEquals(change.operation(), record.getString("operation"), record::toString);
        assertEquals(change.method(), record.getString("method"), record::toString);
        assertTrue(api().base().getPath().concat(change.path()).endsWith(record.getString("path")), record::toString);
        assertEquals("127.0.0.1", record.getString("address"), record::toString);
        OffsetDateTime at = OffsetDateTime.parse(record.getString("at"));
        assertFalse(at.isBefore(sent.minusSeconds(5)), record::toString);
        if (change.body() != null && !change.body().contains("password")) {
            assertEquals(
                    Json.createReader(new java.io.StringReader(change.body())).readValue(),
                    record.getJsonObject("parameters").get("body"),
                    record::toString);
        }
        JsonObject outcome = record.getJsonObject("outcome");
        assertEquals(reply.status(), outcome.getInt("status"), record::toString);
        assertFalse(OffsetDateTime.parse(outcome.getString("at")).isBefore(at), record::toString);
        if (reply.status() >= 400) {
            assertEquals(reply.object().getString("title"), outcome.getString("title"), record::toString);
            assertEquals(reply.object().getString("detail"), outcome.getString("detail"), record::toString);
        }
        assertEquals(
                reply.object().getOrDefault("notices", JsonValue.EMPTY_JSON_ARRAY),
                outcome.getJsonArray("notices"),
                record::toString);
        return record;
    }

    @Test
    @Order(1)
    void recordsEveryKindOfChangeOnceWhetherItRanFailedOrWasRefused() throws Exception {
        // A schema of the ping service's role (the admin role may manage those) to distribute and undistribute.
        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            sql.execute("SET citus.enable_schema_based_sharding = off");
            sql.execute("DROP SCHEMA IF EXISTS audit_probe CASCADE");
            sql.execute("CREATE SCHEMA audit_probe AUTHORIZATION pingservice");
            sql.execute("CREATE TABLE audit_probe.probe (id int PRIMARY KEY)");
            sql.execute("ALTER TABLE audit_probe.probe OWNER TO pingservice");
        }
        ServiceClient operator = operator();
        Node from = placement().get("pingservice");
        Node to = from.equals(TestCluster.workers().get(0))
                ? TestCluster.workers().get(1)
                : TestCluster.workers().get(0);
        Node coordinator = TestCluster.coordinator();
        List<Change> changes = List.of(
                new Change(
                        "schema.move",
                        operator,
                        "operator",
                        "POST",
                        "schemas/pingservice/move",
                        moveBody(to, "block_writes"),
                        200),
                new Change(
                        "schema.move",
                        operator,
                        "operator",
                        "POST",
                        "schemas/pingservice/move",
                        moveBody(from, "block_writes"),
                        200),
                new Change(
                        "schema.move",
                        reader(),
                        "reader",
                        "POST",
                        "schemas/pingservice/move",
                        moveBody(to, "block_writes"),
                        403),
                new Change(
                        "schema.move",
                        operator,
                        "operator",
                        "POST",
                        "schemas/pingservice/move",
                        "{\"host\":\"127.0.0.1\",\"port\":\"5432\"}",
                        400),
                new Change(
                        "schema.move",
                        operator,
                        "operator",
                        "POST",
                        "schemas/pingservice/move",
                        "{\"host\":\"127.0.0.1\",\"port\":1}",
                        404),
                new Change("schema.pin", operator, "operator", "PUT", "schemas/pingservice/pin", null, 200),
                new Change("schema.pin", reader(), "reader", "PUT", "schemas/pingservice/pin", null, 403),
                new Change("schema.unpin", operator, "operator", "DELETE", "schemas/pingservice/pin", null, 200),
                new Change("schema.unpin", operator, "operator", "DELETE", "schemas/pingservice/pin", null, 404),
                new Change(
                        "schema.distribute",
                        operator,
                        "operator",
                        "POST",
                        "schemas",
                        "{\"schema\":\"audit_probe\"}",
                        201),
                new Change(
                        "schema.distribute",
                        operator,
                        "operator",
                        "POST",
                        "schemas",
                        "{\"schema\":\"audit_probe\"}",
                        201),
                new Change("schema.undistribute", operator, "operator", "DELETE", "schemas/audit_probe", null, 200),
                new Change(
                        "schema.distribute",
                        operator,
                        "operator",
                        "POST",
                        "schemas",
                        "{\"schema\":\"no_such_schema\"}",
                        404),
                new Change("schema.undistribute", operator, "operator", "DELETE", "schemas/no_such_schema", null, 404),
                new Change(
                        "rebalance.start",
                        operator,
                        "operator",
                        "POST",
                        "rebalance",
                        "{\"strategy\":\"no_such_strategy\"}",
                        400),
                new Change(
                        "node.add",
                        operator,
                        "operator",
                        "POST",
                        "nodes",
                        "{\"host\":\"" + from.host() + "\",\"port\":" + from.port() + "}",
                        409),
                new Change("node.drain", operator, "operator", "POST", nodePath(coordinator, "/drain"), "{}", 409),
                new Change(
                        "node.remove",
                        operator,
                        "operator",
                        "DELETE",
                        nodePath(new Node("127.0.0.1", 1), ""),
                        null,
                        404),
                new Change(
                        "service.onboard", operator, "operator", "POST", "services", "{\"name\":\"userservice\"}", 409),
                new Change(
                        "service.onboard",
                        reader(),
                        "reader",
                        "POST",
                        "services",
                        "{\"name\":\"readerservice\"}",
                        403));
        int distributed = 0;
        try {
            for (Change change : changes) {
                JsonObject record = sendAndFindItsRecord(change);
                if (change.status() == 201 && ++distributed == 2) {
                    // The second distribution: Citus' notice that it already is, in the answer and the record.
                    assertTrue(
                            record.getJsonObject("outcome")
                                    .getJsonArray("notices")
                                    .toString()
                                    .contains("already distributed"),
                            record::toString);
                }
            }
        } finally {
            try (Connection owner = TestCluster.connectAs("postgres");
                    Statement sql = owner.createStatement()) {
                sql.execute("DROP SCHEMA audit_probe CASCADE");
            }
        }
        assertEquals(from, placement().get("pingservice"), "pingservice is back where it was");
    }

    @Test
    @Order(2)
    void recordsARebalanceUntilItsJobEnds() throws Exception {
        Map<String, Node> placed = placement();
        Node first = TestCluster.workers().get(0);
        for (String schema : List.of("pingservice", "timeservice", "userservice")) {
            if (!placed.get(schema).equals(first)) {
                ok(operator().postJson("schemas/" + schema + "/move", moveBody(first, "block_writes")));
            }
        }
        // The server's timer (every quarter minute) must have had its turns before this job ends: a
        // timer whose turn and retry both fail is dropped by the container, which happened in CI.
        afterTheTimersNextTurn();
        JsonObject record = sendAndFindItsRecord(new Change(
                "rebalance.start",
                operator(),
                "operator",
                "POST",
                "rebalance",
                "{\"strategy\":\"by_shard_count\",\"mode\":\"block_writes\"}",
                202));
        long job = record.getJsonObject("outcome").getJsonNumber("job_id").longValue();
        long id = record.getJsonNumber("id").longValue();
        // Citus may retry a task (a move that meets the leftovers of an earlier one waits for their cleanup):
        // wait for the job's own end first, then give the server's timer (every 15 s) three turns.
        JsonObject citusJob = awaitJob(job, Duration.ofMinutes(5));
        assertEquals("finished", citusJob.getString("state"), citusJob::toString);
        citusJob.getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .filter(task -> task.getInt("retry_count", 0) > 0)
                .forEach(task -> System.out.println("[audit trail] job " + job + " retried a task: " + task));
        // The server records the end by itself, whether or not anyone reads /audit: watch the table.
        String state = null;
        for (int i = 0; i < 180 && state == null; i++) {
            try (Connection admin = TestCluster.connectAs("citusadmin");
                    Statement sql = admin.createStatement();
                    ResultSet row =
                            sql.executeQuery("SELECT state FROM admin_audit.job_end WHERE request_id = " + id)) {
                state = row.next() ? row.getString(1) : null;
            }
            if (state == null) {
                Thread.sleep(250);
            }
        }
        assertEquals(
                "finished",
                state,
                "the end of job " + job + " (Citus: finished at " + citusJob.getString("finished_at")
                        + ") was not recorded within 45 s of it; the server logs a WARNING when it cannot record it");
        JsonObject ended = ok(reader().get("audit?operation=rebalance.start&limit=1"))
                .object()
                .getJsonArray("records")
                .getJsonObject(0);
        assertEquals(id, ended.getJsonNumber("id").longValue(), ended::toString);
        assertEquals("finished", ended.getJsonObject("outcome").getString("job_state"), ended::toString);
        assertEquals(
                OffsetDateTime.parse(citusJob.getString("finished_at")).toInstant(),
                OffsetDateTime.parse(ended.getJsonObject("outcome").getString("job_ended_at"))
                        .toInstant(),
                citusJob::toString);

        JsonObject stop = sendAndFindItsRecord(
                new Change("rebalance.stop", operator(), "operator", "DELETE", "rebalance", null, 409));
        assertTrue(stop.getJsonObject("outcome").getString("detail").contains("no ongoing rebalance"), stop::toString);
    }

    /** Sleeps past the timer's next turn (second 0, 15, 30 or 45) and the container's retry 5 s after it. */
    static void afterTheTimersNextTurn() throws InterruptedException {
        long now = System.currentTimeMillis();
        long nextTurn = (now / 15_000 + 1) * 15_000;
        Thread.sleep(nextTurn + 7_000 - now);
    }

    @Test
    @Order(3)
    void readsNewestFirstInPagesAndFiltersByUserOperationAndTime() throws Exception {
        JsonObject firstPage = ok(reader().get("audit?limit=2")).object();
        List<JsonObject> page = firstPage.getJsonArray("records").getValuesAs(JsonObject.class);
        assertEquals(2, page.size(), firstPage::toString);
        assertTrue(page.get(0).getJsonNumber("id").longValue()
                > page.get(1).getJsonNumber("id").longValue());
        String next = firstPage.getString("next");
        JsonObject secondPage =
                ok(reader().get(next.substring(next.indexOf("audit")))).object();
        assertTrue(
                secondPage
                                .getJsonArray("records")
                                .getJsonObject(0)
                                .getJsonNumber("id")
                                .longValue()
                        < page.get(1).getJsonNumber("id").longValue(),
                secondPage::toString);

        for (JsonObject record : ok(reader().get("audit?user=reader&limit=500"))
                .object()
                .getJsonArray("records")
                .getValuesAs(JsonObject.class)) {
            assertEquals("reader", record.getString("user"));
            assertEquals(403, record.getJsonObject("outcome").getInt("status"), record::toString);
        }
        assertFalse(ok(reader().get("audit?user=reader"))
                .object()
                .getJsonArray("records")
                .isEmpty());
        for (JsonObject record : ok(reader().get("audit?operation=schema.move&limit=500"))
                .object()
                .getJsonArray("records")
                .getValuesAs(JsonObject.class)) {
            assertEquals("schema.move", record.getString("operation"));
        }
        String future = OffsetDateTime.now().plusHours(1).toString();
        assertTrue(ok(reader().get("audit?from=" + future.replace("+", "%2B")))
                .object()
                .getJsonArray("records")
                .isEmpty());
        assertFalse(ok(reader().get("audit?to=" + future.replace("+", "%2B")))
                .object()
                .getJsonArray("records")
                .isEmpty());

        HttpReply invalid = reader().get("audit?limit=0&from=yesterday&before=x");
        assertEquals(400, invalid.status(), invalid::toString);
        for (String field : List.of("limit", "from", "before")) {
            assertTrue(invalid.object().getString("detail").contains(field), invalid::toString);
        }
        assertEquals(401, api().get("audit").status());
    }

    @Test
    @Order(4)
    void theAdminRoleCanAddRecordsButNotChangeOrDeleteThem() throws Exception {
        long records = rowsAfter(0);
        try (Connection admin = TestCluster.connectAs("citusadmin");
                Statement sql = admin.createStatement()) {
            for (String change : List.of(
                    "UPDATE admin_audit.request SET user_name = 'someone else'",
                    "DELETE FROM admin_audit.request",
                    "TRUNCATE admin_audit.request CASCADE",
                    "UPDATE admin_audit.outcome SET status = 200",
                    "DELETE FROM admin_audit.outcome",
                    "DELETE FROM admin_audit.job_end",
                    "INSERT INTO admin_audit.request (at, user_name, operation, method, path, parameters) "
                            + "VALUES ('2000-01-01', 'x', 'x', 'POST', '/x', '{}')",
                    "INSERT INTO admin_audit.job_end (request_id, ended_at, state) VALUES (1, now(), 'finished')",
                    "DROP TABLE admin_audit.request CASCADE")) {
                SQLException refused = assertThrows(SQLException.class, () -> sql.execute(change), change);
                assertTrue(
                        refused.getSQLState().equals("42501")
                                || refused.getSQLState().equals("42P01")
                                || refused.getMessage().contains("must be owner"),
                        () -> change + ": " + refused);
            }
        }
        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            SQLException refused = assertThrows(
                    SQLException.class, () -> sql.execute("UPDATE admin_audit.request SET user_name = 'someone else'"));
            assertTrue(refused.getMessage().contains("append-only"), refused::toString);
        }
        assertEquals(records, rowsAfter(0));
    }

    @Test
    @Order(5)
    void aChangeWhoseRecordCannotBeWrittenDoesNotRun() throws Exception {
        Node from = placement().get("pingservice");
        Node to = from.equals(TestCluster.workers().get(0))
                ? TestCluster.workers().get(1)
                : TestCluster.workers().get(0);
        long before = newestId();
        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            sql.execute("REVOKE INSERT ON admin_audit.request FROM citusadmin");
            try {
                HttpReply refused = operator().postJson("schemas/pingservice/move", moveBody(to, "block_writes"));
                assertEquals(503, refused.status(), refused::toString);
                assertTrue(refused.object().getString("detail").contains("nothing was done"), refused::toString);
            } finally {
                sql.execute("GRANT INSERT (user_name, address, operation, method, path, parameters) "
                        + "ON admin_audit.request TO citusadmin");
            }
        }
        assertEquals(from, placement().get("pingservice"), "the move did not run");
        assertEquals(0, rowsAfter(before));
    }

    @Test
    @Order(7)
    void noGeneratedSecretInTheOpenApiDocumentTheAuditTrailOrAnyAnswer() {
        List<String> secrets = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().endsWith("_PASSWORD"))
                .map(Map.Entry::getValue)
                .filter(v -> v.length() >= 8)
                .toList();
        assertTrue(secrets.size() >= 7, "the run's generated passwords are in the environment: " + secrets.size());
        List<HttpReply> answers = List.of(
                api().get("openapi"),
                reader().get("audit?limit=500"),
                operator().get("session"),
                api().as("operator", "wrong").get("schemas"),
                reader().postJson("schemas", "{\"schema\":\"x\"}"),
                operator().postJson("schemas", "{\"schema\":1}"),
                operator().get("schemas/no_such_schema"),
                operator().postJson(nodePath(TestCluster.coordinator(), "/drain"), "{}"),
                operator().get("nodes"),
                operator().postJson("services", "{\"name\":\"userservice\"}"),
                operator().get("placement"));
        for (HttpReply answer : answers) {
            for (String secret : secrets) {
                assertFalse(answer.body().contains(secret), () -> "a generated password in " + answer);
                answer.raw()
                        .headers()
                        .map()
                        .values()
                        .forEach(values -> values.forEach(value -> assertFalse(
                                value.contains(secret), () -> "a generated password in a header of " + answer)));
            }
        }
    }

    @Test
    @Order(6)
    void keepsNoSecretInARecord() throws Exception {
        JsonObject record = sendAndFindItsRecord(new Change(
                "schema.distribute",
                operator(),
                "operator",
                "POST",
                "schemas",
                "{\"schema\":\"no_such_schema\",\"password\":\"not-for-the-record\"}",
                400));
        assertEquals(
                "(redacted)",
                record.getJsonObject("parameters").getJsonObject("body").getString("password"));
        assertFalse(ok(reader().get("audit?limit=500")).body().contains("not-for-the-record"));
        for (String user : List.of("operator", "reader")) {
            assertFalse(ok(reader().get("audit?limit=500")).body().contains(TestCluster.adminPassword(user)));
        }
    }

    /** An answer that echoes text PostgreSQL refuses (NUL) still gets its outcome recorded, the NUL as U+FFFD. */
    @Test
    @Order(6)
    void recordsTheOutcomeOfAnAnswerThatEchoesWhatPostgresqlRefuses() throws Exception {
        long before = newestId();
        HttpReply reply = operator().postJson("schemas", "{\"sch\\u0000ema\":\"x\"}");
        assertEquals(400, reply.status(), reply::toString);
        String detail = reply.object().getString("detail");
        assertTrue(detail.contains("\u0000"), () -> "the answer echoes the NUL: " + reply);
        assertEquals(1, rowsAfter(before), "one record");
        JsonObject record = ok(reader().get("audit?limit=1"))
                .object()
                .getJsonArray("records")
                .getJsonObject(0);
        assertTrue(record.get("outcome") instanceof JsonObject, () -> "the record has its outcome: " + record);
        assertEquals(400, record.getJsonObject("outcome").getInt("status"), record::toString);
        assertEquals(
                detail.replace('\u0000', '\ufffd'),
                record.getJsonObject("outcome").getString("detail"),
                record::toString);
    }
}
