package org.citusschemas.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.citusschemas.it.AdminCertificate;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.OpenApiContract;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The EAR on a full Payara Server: a domain of its own on free ports, prepared by
 * server-config/bin/payara-server (driver, password aliases, the pools and resources Payara
 * Micro uses too), the EAR deployed, every service and the admin API called over loopback, and
 * every pool pinged as the admin console's Ping button does. The domain is stopped afterwards,
 * whatever failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

    static final Path HOME = Path.of(System.getProperty("payara.server.home", "target/payara-server/payara6"));
    static final Path ASADMIN = HOME.resolve("bin/asadmin");
    static final String DOMAIN = "citus-schemas-it";
    static final List<String> ROLES = List.of("userservice", "timeservice", "pingservice", "citusadmin");
    /** Offsets from a domain's port base of the ports Payara opens (admin 48, HTTP 80, ...). */
    static final int[] OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

    static int portBase;
    static ServiceClient server;

    record Run(int exit, String output) {}

    static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish: " + String.join(" ", command));
        }
        System.out.println("$ " + String.join(" ", command) + "\n" + output);
        return new Run(process.exitValue(), output);
    }

    static Run asadmin(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(ASADMIN.toString(), "--host", "127.0.0.1", "--port", String.valueOf(portBase + 48)));
        command.addAll(List.of(arguments));
        return run(Map.of(), command.toArray(String[]::new));
    }

    static Run ok(Run run) {
        assertEquals(0, run.exit(), run.output());
        return run;
    }

    @BeforeAll
    static void startADomainAndDeployTheEar() throws Exception {
        portBase = freePortBase();
        run(Map.of(), ASADMIN.toString(), "delete-domain", DOMAIN);
        ok(run(
                Map.of(),
                ASADMIN.toString(),
                "create-domain",
                "--portbase",
                String.valueOf(portBase),
                "--nopassword=true",
                DOMAIN));
        neverPhoneHome();
        ok(run(Map.of(), ASADMIN.toString(), "start-domain", DOMAIN));
        ok(asadmin("set-hazelcast-configuration", "--enabled", "false"));

        ok(run(
                Map.of(
                        "ASADMIN",
                        ASADMIN.toString(),
                        "ASADMIN_OPTS",
                        "--host 127.0.0.1 --port " + (portBase + 48),
                        "POSTGRESQL_JAR",
                        System.getProperty("postgresql.jar"),
                        "CLUSTER_DIR",
                        System.getProperty("cluster.dir"),
                        "CLUSTER_PORT",
                        System.getProperty("cluster.port"),
                        "CLUSTER_DB",
                        System.getProperty("cluster.db")),
                System.getProperty("payara.server.setup"),
                "setup",
                System.getProperty("ear.file")));
        server = new ServiceClient(
                URI.create("http://127.0.0.1:" + (portBase + 80) + "/").toURL());
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        run(Map.of(), ASADMIN.toString(), "stop-domain", DOMAIN);
    }

    /** The domain must not call Payara's usage tracking: this machine talks to loopback only. */
    static void neverPhoneHome() throws IOException {
        Path config = HOME.resolve("glassfish/domains/" + DOMAIN + "/config/domain.xml");
        String xml = Files.readString(config);
        String disabled = xml.replaceAll(
                "<phone-home-runtime-configuration([^>]*?)>", "<phone-home-runtime-configuration$1 enabled=\"false\">");
        assertTrue(disabled.contains("enabled=\"false\""), "phone home found in domain.xml");
        Files.writeString(config, disabled);
    }

    static int freePortBase() {
        return IntStream.iterate(28000, base -> base < 60000, base -> base + 100)
                .filter(base -> IntStream.of(OFFSETS).allMatch(offset -> free(base + offset)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no free port range for a domain"));
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void servesTheUserServiceAtItsContextRoot() {
        ServiceClient users = server.sibling("user");
        HttpReply created = users.postJson("users", "[{\"name\":\"Ear\",\"email\":\"ear@example.com\"}]");
        assertEquals(201, created.status(), created::toString);
        long id = created.object().getJsonArray("user_ids").getJsonNumber(0).longValue();
        HttpReply one = users.get("users/" + id);
        assertEquals("Ear", one.object().getString("name"), one::toString);
        assertProblem(users.postJson("users", "[]"), 400);
    }

    /**
     * Each WAR's own OpenAPI document at its context root, as written; Payara Server's own endpoint
     * at /openapi is off, so that path is the root application's 404.
     */
    @Test
    void servesEachWarsOpenApiDocumentAtItsContextRoot() throws Exception {
        for (String war : List.of("user", "time", "ping", "admin")) {
            OpenApiContract.assertServed(
                    server.sibling(war).base().toURL(),
                    Path.of("..", war + "-war", "src/main/resources", OpenApiContract.DOCUMENT));
        }
        assertProblem(server.get("openapi"), 404);
    }

    @Test
    void servesTheTimeAndPingServicesAtTheirContextRoots() {
        HttpReply time = server.sibling("time").get("current_time");
        assertEquals(200, time.status(), time::toString);
        assertEquals("127.0.0.1", time.object().getString("ip_address"));

        HttpReply ping = server.sibling("ping").postJson("ping", "{\"host\":\"127.0.0.1\"}");
        assertEquals(200, ping.status(), ping::toString);
        assertTrue(ping.object().getString("result").contains("4 packets transmitted"), ping::toString);
    }

    @Test
    void servesTheAdminApiBehindItsLogin() throws Exception {
        ServiceClient admin = server.sibling("admin");
        assertProblem(admin.get("schemas"), 401);
        HttpReply schemas =
                admin.as("operator", System.getenv("ADMIN_OPERATOR_PASSWORD")).get("schemas");
        if (TestCluster.isCitus("citusadmin")) {
            assertEquals(200, schemas.status(), schemas::toString);
            List<String> names = schemas.array().stream()
                    .map(s -> s.asJsonObject().getString("name"))
                    .toList();
            assertTrue(names.containsAll(List.of("userservice", "timeservice", "pingservice")), names::toString);
        } else {
            assertProblem(schemas, 503);
        }
        HttpReply ready = admin.get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);

        // The operator console at /admin/, its login and a session that reads like Basic does.
        HttpReply page = admin.get("");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains("console/console.js"), page::toString);
        assertEquals(200, admin.get("console/console.js").status());
        HttpReply login = admin.postJson(
                "session", "{\"user\":\"reader\",\"password\":\"" + System.getenv("ADMIN_READER_PASSWORD") + "\"}");
        assertEquals(200, login.status(), login::toString);
        String cookie = login.header("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("Path=/admin"), cookie);
        HttpReply nodes = admin.send(
                "GET", "nodes", null, null, java.util.Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertEquals(TestCluster.isCitus("citusadmin") ? 200 : 503, nodes.status(), nodes::toString);
    }

    @Test
    void everyPoolAnswersPingAsTheAdminConsoleButtonDoes() throws Exception {
        for (String role : ROLES) {
            Run ping = ok(asadmin("ping-connection-pool", role + "-pool"));
            assertTrue(ping.output().contains("executed successfully"), ping.output());
        }
    }

    @Test
    void keepsEachPasswordAsAnAliasAndEachDatasourceAsAServerResource() throws Exception {
        String aliases = ok(asadmin("list-password-aliases")).output();
        String resources = ok(asadmin("list-jdbc-resources")).output();
        for (String role : ROLES) {
            assertTrue(aliases.contains(role + "-db"), aliases);
            assertTrue(resources.contains("jdbc/" + role), resources);
            String password = ok(asadmin("get", "resources.jdbc-connection-pool." + role + "-pool.property.password"))
                    .output();
            assertTrue(password.contains("${ALIAS=" + role + "-db}"), password);
            String validation = ok(asadmin(
                            "get",
                            "resources.jdbc-connection-pool." + role + "-pool.is-connection-validation-required"))
                    .output();
            assertTrue(validation.contains("=true"), validation);
        }
    }

    @Test
    void describesEachPoolByItsRoleAndTheWarThatUsesIt() throws Exception {
        Map<String, String> wars = Map.of(
                "userservice",
                "user-war",
                "timeservice",
                "time-war",
                "pingservice",
                "ping-war",
                "citusadmin",
                "admin-war");
        for (String role : ROLES) {
            String description = ok(asadmin("get", "resources.jdbc-connection-pool." + role + "-pool.description"))
                    .output();
            assertTrue(
                    description.contains("Database role " + role + " for " + wars.get(role) + " (jdbc/" + role + ")"),
                    description);
        }
    }

    @Test
    void answersADeleteWithABodyAndTraceAsProblems() {
        HttpReply trace = server.sibling("user").send("TRACE", "users", null, null);
        assertProblem(trace, 405);
        HttpReply delete = server.sibling("user").send("DELETE", "users", "application/json", "[]");
        assertProblem(delete, 405);
    }

    /**
     * A path outside every context root, by any method, and "/" itself: the root application's
     * 404 problem+json that names the path (Payara Server's own answer is an HTML page).
     */
    @Test
    void answersPathsOutsideEveryApplicationAsProblems() {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("", "users", "nowhere/at/all", "problems/500")) {
                HttpReply reply = server.send(
                        method,
                        path,
                        method.equals("GET") ? null : "application/json",
                        method.equals("GET") ? null : "{}");
                assertProblem(reply, 404);
                assertEquals("Nothing at /" + path, reply.object().getString("detail"), reply::toString);
            }
        }
        HttpReply ready = server.sibling("user").get("/health/ready");
        assertEquals(200, ready.status(), "the server's own /health beside the root application: " + ready);
    }

    @Test
    void flushingAPoolNeedsNoRedeploy() throws Exception {
        ok(asadmin("flush-connection-pool", "userservice-pool"));
        HttpReply users = server.sibling("user").get("users?limit=1");
        assertEquals(200, users.status(), users::toString);
    }

    @Test
    void settingUpTheDomainAgainChangesNothing() throws Exception {
        Run again = ok(run(
                Map.of(
                        "ASADMIN",
                        ASADMIN.toString(),
                        "ASADMIN_OPTS",
                        "--host 127.0.0.1 --port " + (portBase + 48),
                        "POSTGRESQL_JAR",
                        System.getProperty("postgresql.jar"),
                        "CLUSTER_DIR",
                        System.getProperty("cluster.dir"),
                        "CLUSTER_PORT",
                        System.getProperty("cluster.port"),
                        "CLUSTER_DB",
                        System.getProperty("cluster.db")),
                System.getProperty("payara.server.setup"),
                "setup"));
        assertTrue(again.output().contains("has already: create-jdbc-connection-pool"), again.output());
        assertTrue(again.output().contains("has already: set-openapi-configuration --enabled=false"), again.output());
        assertTrue(!again.output().contains("applying"), again.output());
    }

    /**
     * The documented way (docs/operations.md) to put a real certificate on Payara Server: the PKCS #12 bundle imported into
     * the domain's keystore with keytool, http-listener-2 pointed at its alias, the domain restarted.
     * Last, since it restarts the domain.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void servesTheAdminApiOverHttpsWithAnInstalledCertificate() throws Exception {
        AdminCertificate tls = AdminCertificate.make(Path.of(System.getProperty("cluster.dir"), "server-tls"));
        Path keystore = HOME.resolve("glassfish/domains/" + DOMAIN + "/config/keystore.p12");
        Path master = tls.dir().resolve("master.password");
        Path source = tls.dir().resolve("source.password");
        // keytool reads the passwords from files, not from its command line (which ps shows).
        Files.writeString(source, tls.keystorePassword());
        Files.writeString(master, "changeit");
        try {
            ok(run(
                    Map.of(),
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-importkeystore",
                    "-noprompt",
                    "-srckeystore",
                    tls.keystore().toString(),
                    "-srcstoretype",
                    "PKCS12",
                    "-srcstorepass:file",
                    source.toString(),
                    "-srcalias",
                    "admin",
                    "-destkeystore",
                    keystore.toString(),
                    "-deststoretype",
                    "PKCS12",
                    "-deststorepass:file",
                    master.toString(),
                    "-destalias",
                    "citus-admin"));
        } finally {
            Files.delete(source);
            Files.delete(master);
        }
        ok(
                asadmin(
                        "set",
                        "configs.config.server-config.network-config.protocols.protocol.http-listener-2.ssl.cert-nickname=citus-admin"));
        ok(run(Map.of(), ASADMIN.toString(), "restart-domain", DOMAIN));

        ServiceClient https = ServiceClient.overHttps("localhost", portBase + 81, tls.certificate())
                .sibling("admin");
        // restart-domain returns before the applications are loaded again.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        HttpReply ready = https.getOrNull("/health/ready");
        while ((ready == null || ready.status() != 200) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            ready = https.getOrNull("/health/ready");
        }
        HttpReply readyAtLast = ready;
        assertTrue(
                readyAtLast != null && readyAtLast.status() == 200,
                () -> "the admin API after the restart: " + readyAtLast);
        HttpReply session =
                https.as("operator", System.getenv("ADMIN_OPERATOR_PASSWORD")).get("session");
        assertEquals(200, session.status(), session::toString);
        assertEquals("operator", session.object().getString("user"), session::toString);
        assertTrue(session.header("Strict-Transport-Security").isPresent(), () -> "HSTS over HTTPS: " + session);
    }

    static void assertProblem(HttpReply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonValue detail = reply.object().get("detail");
        assertTrue(detail != null, reply::toString);
    }
}
