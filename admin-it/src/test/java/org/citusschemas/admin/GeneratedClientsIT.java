package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.citusschemas.client.admin.api.NodesApi;
import org.citusschemas.client.admin.api.SchemasApi;
import org.citusschemas.client.admin.model.DistributedSchema;
import org.citusschemas.client.admin.model.MoveRequest;
import org.citusschemas.client.admin.model.Node;
import org.citusschemas.client.admin.model.NodeAddress;
import org.citusschemas.client.admin.model.SchemaOutcome;
import org.citusschemas.client.ping.api.PingApi;
import org.citusschemas.client.ping.model.PingReply;
import org.citusschemas.client.ping.model.PingRequest;
import org.citusschemas.client.time.api.TimeApi;
import org.citusschemas.client.time.model.CurrentTime;
import org.citusschemas.client.user.ApiException;
import org.citusschemas.client.user.ApiResponse;
import org.citusschemas.client.user.api.UsersApi;
import org.citusschemas.client.user.model.NewUser;
import org.citusschemas.client.user.model.Problem;
import org.citusschemas.client.user.model.User;
import org.citusschemas.client.user.model.UsersCreated;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.OpenApiContract;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * The four services through Java clients generated at build time from their OpenAPI documents
 * (openapi-generator's native library: admin-it/pom.xml), as a team that builds on the contract
 * would call them: the tutorial's calls, the user paging by its Link header, an error read as the
 * document's Problem, and the admin API's schema listing and a move. Every answer is read with
 * unknown fields refused, so a field the server sends that its document does not name fails here.
 * The documents the clients are generated from are the ones the server publishes.
 */
class GeneratedClientsIT extends AdminServer {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

    @Test
    void theServersPublishTheDocumentsTheClientsAreGeneratedFrom() throws Exception {
        for (String war : List.of("user-war", "time-war", "ping-war", "admin-war")) {
            OpenApiContract.assertServed(
                    server().sibling(war).base().toURL(),
                    Path.of("..", war, "src/main/resources", OpenApiContract.DOCUMENT));
        }
    }

    @Test
    void theTutorialsCallsThroughTheGeneratedClients() throws Exception {
        CitusRequirement.assumeInstalled("GeneratedClientsIT.theTutorialsCallsThroughTheGeneratedClients");
        UsersApi users = new UsersApi(user());
        long before = TestCluster.count("userservice", "users");
        UsersCreated created = users.registerUsers(
                List.of(
                        new NewUser().name("John Doe").email("john@example.com"),
                        new NewUser().name("Jane Smith").email("jane@example.com")),
                null);
        assertEquals("Users created successfully", created.getMessage());
        assertEquals(2, created.getUserIds().size(), created::toString);
        assertEquals(before + 2, TestCluster.count("userservice", "users"));
        User jane = users.getUser(created.getUserIds().get(1));
        assertEquals("Jane Smith", jane.getName());
        assertEquals("jane@example.com", jane.getEmail());

        long times = TestCluster.count("timeservice", "query_details");
        CurrentTime now = new TimeApi(time()).currentTime();
        assertTrue(now.getCurrentTime().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), now::toString);
        assertEquals("127.0.0.1", now.getIpAddress());
        assertEquals(times + 1, TestCluster.count("timeservice", "query_details"));

        PingReply pong =
                new PingApi(ping()).ping(new PingRequest().host("127.0.0.1").count(1));
        assertEquals("127.0.0.1", pong.getHost());
        assertTrue(pong.getResult().contains("1 packets transmitted"), pong::toString);
    }

    @Test
    void pagesThroughUsersByTheLinkHeader() throws Exception {
        CitusRequirement.assumeInstalled("GeneratedClientsIT.pagesThroughUsersByTheLinkHeader");
        UsersApi users = new UsersApi(user());
        List<Long> mine = users.registerUsers(
                        IntStream.range(0, 5)
                                .mapToObj(i -> new NewUser().name("Paged " + i).email("paged" + i + "@example.com"))
                                .toList(),
                        null)
                .getUserIds();

        // From just before the first of them, two at a time, following rel="next" as a client does.
        List<Long> read = new ArrayList<>();
        Integer limit = 2;
        Long after = mine.get(0) - 1;
        int pages = 0;
        while (read.size() < mine.size()) {
            ApiResponse<List<User>> page = users.listUsersWithHttpInfo(limit, after);
            assertEquals(200, page.getStatusCode());
            page.getData().forEach(u -> read.add(u.getId()));
            pages++;
            Optional<String> link = header(page.getHeaders(), "Link");
            if (page.getData().size() < limit) {
                assertFalse(link.isPresent(), () -> "a page that is not full has no next: " + link);
                break;
            }
            Matcher next = NEXT.matcher(link.orElseThrow(() -> new AssertionError("a full page has rel=\"next\"")));
            assertTrue(next.find(), link::get);
            URI uri = URI.create(next.group(1));
            Map<String, String> query = query(uri);
            limit = Integer.valueOf(query.get("limit"));
            after = Long.valueOf(query.get("after"));
            assertEquals(
                    page.getData().get(page.getData().size() - 1).getId(), after, "next starts after the page's last");
        }
        assertEquals(mine, read.subList(0, mine.size()), "the new users, in id order, across pages");
        assertEquals(3, pages, "five users two at a time");
    }

    @Test
    void errorsAreReadAsTheDocumentsProblem() throws Exception {
        CitusRequirement.assumeInstalled("GeneratedClientsIT.errorsAreReadAsTheDocumentsProblem");
        org.citusschemas.client.user.ApiClient client = user();
        UsersApi users = new UsersApi(client);

        ApiException unknown = assertThrows(ApiException.class, () -> users.getUser(999_999_999_999L));
        assertEquals(404, unknown.getCode());
        Problem notFound = client.getObjectMapper().readValue(unknown.getResponseBody(), Problem.class);
        assertEquals(404, notFound.getStatus());
        assertEquals("No user with id 999999999999", notFound.getDetail());
        assertTrue(header(unknown.getResponseHeaders().map(), "Content-Type")
                .orElse("")
                .startsWith("application/problem+json"));

        long before = TestCluster.count("userservice", "users");
        ApiException invalid = assertThrows(
                ApiException.class,
                () -> users.registerUsers(
                        List.of(
                                new NewUser().name("Fine").email("fine@example.com"),
                                new NewUser().name("Bad").email("not an email")),
                        null));
        assertEquals(400, invalid.getCode());
        Problem bad = client.getObjectMapper().readValue(invalid.getResponseBody(), Problem.class);
        assertTrue(bad.getDetail().contains("[1].email"), bad::toString);
        assertEquals(
                List.of("[1].email"),
                bad.getErrors().stream().map(e -> e.getField()).toList());
        assertEquals(before, TestCluster.count("userservice", "users"), "nothing stored");
    }

    @Test
    void listsAndMovesASchemaThroughTheAdminClient() throws Exception {
        CitusRequirement.assumeInstalled("GeneratedClientsIT.listsAndMovesASchemaThroughTheAdminClient");
        SchemasApi schemas = new SchemasApi(admin("operator"));
        List<DistributedSchema> all = new SchemasApi(admin("reader")).listSchemas();
        DistributedSchema ping = all.stream()
                .filter(s -> s.getName().equals("pingservice"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pingservice in " + all));
        assertNotNull(ping.getNode(), ping::toString);
        assertFalse(ping.getShardIds().isEmpty(), ping::toString);

        List<Node> workers = new NodesApi(admin("reader"))
                .listNodes().stream()
                        .filter(n -> !n.getCoordinator() && n.getActive() && n.getShouldHaveShards())
                        .toList();
        assertTrue(workers.size() >= 2, workers::toString);
        NodeAddress from = ping.getNode();
        NodeAddress to = workers.stream()
                .map(Node::getAddress)
                .filter(a -> !a.equals(from))
                .findFirst()
                .orElseThrow();

        long rows = TestCluster.count("pingservice", "ping_results");
        SchemaOutcome moved = schemas.moveSchema(
                "pingservice",
                new MoveRequest().host(to.getHost()).port(to.getPort()).mode(MoveRequest.ModeEnum.BLOCK_WRITES));
        assertEquals(to, moved.getResult().getNode(), moved::toString);
        assertEquals(to, schemas.getSchema("pingservice").getNode());
        assertEquals(rows, TestCluster.count("pingservice", "ping_results"), "every row moved with it");

        // A reader may list but not move: the document's 403, as the client sees it.
        org.citusschemas.client.admin.ApiException refused = assertThrows(
                org.citusschemas.client.admin.ApiException.class,
                () -> new SchemasApi(admin("reader"))
                        .moveSchema(
                                "pingservice",
                                new MoveRequest().host(from.getHost()).port(from.getPort())));
        assertEquals(403, refused.getCode());

        SchemaOutcome back = schemas.moveSchema(
                "pingservice", new MoveRequest().host(from.getHost()).port(from.getPort()));
        assertEquals(from, back.getResult().getNode(), back::toString);
    }

    // ------------------------------------------------------------------ the generated clients

    private org.citusschemas.client.user.ApiClient user() {
        org.citusschemas.client.user.ApiClient client = new org.citusschemas.client.user.ApiClient(
                http(), strict(org.citusschemas.client.user.ApiClient.createDefaultObjectMapper()), base("user-war"));
        return client.setReadTimeout(Duration.ofSeconds(30));
    }

    private org.citusschemas.client.time.ApiClient time() {
        return new org.citusschemas.client.time.ApiClient(
                http(), strict(org.citusschemas.client.time.ApiClient.createDefaultObjectMapper()), base("time-war"));
    }

    private org.citusschemas.client.ping.ApiClient ping() {
        return new org.citusschemas.client.ping.ApiClient(
                http(), strict(org.citusschemas.client.ping.ApiClient.createDefaultObjectMapper()), base("ping-war"));
    }

    /** The admin client logged in with HTTP Basic, as the document's security scheme "basic" says. */
    private org.citusschemas.client.admin.ApiClient admin(String user) {
        String login = Base64.getEncoder()
                .encodeToString((user + ":" + TestCluster.adminPassword(user)).getBytes(StandardCharsets.UTF_8));
        org.citusschemas.client.admin.ApiClient client = new org.citusschemas.client.admin.ApiClient(
                http(), strict(org.citusschemas.client.admin.ApiClient.createDefaultObjectMapper()), base("admin-war"));
        client.setReadTimeout(Duration.ofMinutes(2));
        return client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + login));
    }

    /**
     * HTTP/1.1: Payara 6's h2c upgrade of a request with a body loses the body now and then (the
     * docs/known-problems.md), and the generated client's default is HTTP/2.
     */
    private static HttpClient.Builder http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
    }

    /** Refuses fields the document does not name (the generator's default ignores them). */
    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    private String base(String war) {
        String uri = server().sibling(war).base().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return query;
    }
}
