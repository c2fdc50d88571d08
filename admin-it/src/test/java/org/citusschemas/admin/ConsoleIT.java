package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citusschemas.it.Browser;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real headless Chromium, against the admin API and the three services
 * on the test run's Citus cluster: what the page shows is what the API and citus_shards say, and
 * what it does lands in the cluster. Each test saves screenshots under target/screenshots/.
 */
class ConsoleIT extends AdminServer {

    private static final Duration PAGE = Duration.ofSeconds(20);

    /** A fresh browser for each test: no login or cookie carries over. */
    private Browser browser;

    @BeforeEach
    void startBrowser(TestInfo test) {
        String name = "ConsoleIT." + test.getTestMethod().orElseThrow().getName();
        CitusRequirement.assumeInstalled(name);
        browser = Browser.start(name);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The page's address: the admin API's root. */
    private String page() {
        return api().base().toString();
    }

    /** Opens the page, logs in through its form, and waits until the map shows every node. */
    private WebDriver logIn(String user) {
        WebDriver page = browser.driver();
        page.get(page());
        WebElement name = browser.await(PAGE, d -> visible(d, By.id("login-user")));
        name.sendKeys(user);
        page.findElement(By.id("login-password")).sendKeys(TestCluster.adminPassword(user));
        page.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        int nodes = operator().get("nodes").array().size();
        browser.await(
                PAGE,
                d -> d.findElements(By.cssSelector("#map .node")).size() == nodes
                        && !d.findElements(By.cssSelector("#map .schema")).isEmpty());
        return page;
    }

    private static WebElement visible(WebDriver page, By what) {
        List<WebElement> found = page.findElements(what);
        return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    }

    private static WebElement block(WebDriver page, String schema) {
        return page.findElement(By.cssSelector("#map .schema[data-schema='" + schema + "']"));
    }

    /** The node that holds each schema's shards, as citus_shards says. */
    private static Map<String, Set<String>> shardNodes() throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                PreparedStatement query = admin.prepareStatement("""
                     SELECT s.schema_name::text, sh.nodename || ':' || sh.nodeport
                       FROM citus_schemas s JOIN citus_shards sh ON sh.colocation_id = s.colocation_id
                      WHERE sh.citus_table_type = 'schema'""");
                ResultSet rows = query.executeQuery()) {
            Map<String, Set<String>> nodes = new java.util.TreeMap<>();
            while (rows.next()) {
                nodes.computeIfAbsent(rows.getString(1), s -> new HashSet<>()).add(rows.getString(2));
            }
            return nodes;
        }
    }

    private static String key(Node node) {
        return node.host() + ":" + node.port();
    }

    @Test
    void showsEverySchemaOnTheNodeTheApiReportsWithItsSize() throws Exception {
        WebDriver page = logIn("operator");
        List<JsonObject> schemas = operator().get("schemas").array().stream()
                .map(JsonValue::asJsonObject)
                .filter(s -> !s.isNull("node"))
                .toList();
        assertTrue(
                schemas.stream()
                        .map(s -> s.getString("name"))
                        .collect(Collectors.toSet())
                        .containsAll(List.of("userservice", "timeservice", "pingservice")),
                schemas::toString);
        Map<String, Set<String>> shards = shardNodes();
        for (JsonObject schema : schemas) {
            String name = schema.getString("name");
            String node = key(node(schema.getJsonObject("node")));
            // Sizes change as the services write: wait for a refresh that shows this one's.
            browser.await(
                    PAGE,
                    d -> block(d, name)
                            .findElement(By.className("size"))
                            .getText()
                            .equals(operator().get("schemas/" + name).object().getString("size")));
            WebElement column = block(page, name).findElement(By.xpath("ancestor::*[@data-node][1]"));
            assertEquals(node, column.getAttribute("data-node"), name + " is drawn on the node the API names");
            assertEquals(Set.of(node), shards.get(name), name + ": the API and citus_shards agree");
            assertTrue(block(page, name).getText().contains(name), "the block is labelled with its name");
        }
        assertEquals("operator", page.findElement(By.id("who-name")).getText());
        assertTrue(
                page.findElement(By.id("balance")).getText().contains("distributed schemas"),
                () -> page.findElement(By.id("balance")).getText());
        browser.screenshot("console-operator");
        // The page runs under its content security policy: nothing it does is blocked.
        assertTrue(
                browser.consoleMessages().stream().noneMatch(m -> m.contains("Content Security Policy")),
                () -> browser.consoleMessages().toString());

        // Every control of the page is reachable from the keyboard, in reading order.
        List<String> reached = new ArrayList<>();
        page.findElement(By.tagName("body")).click();
        for (int i = 0; i < 30; i++) {
            new Actions(page).sendKeys(Keys.TAB).perform();
            reached.add(page.switchTo().activeElement().getAttribute("id"));
        }
        assertTrue(
                reached.containsAll(List.of(
                        "logout",
                        "move-schema",
                        "move-target",
                        "move-mode",
                        "rebalance-strategy",
                        "rebalance-mode",
                        "plan-button",
                        "distribute-schema",
                        "drain-node")),
                reached::toString);

        // A narrow window: the nodes go one under the other, and every block stays readable; so do the
        // recent changes, a record per block (one made here, and the page read again to show it).
        assertEquals(404, operator().delete("schemas/no_such_schema").status());
        page.navigate().refresh();
        browser.viewport(420, 900);
        browser.await(PAGE, d -> {
            List<WebElement> columns = d.findElements(By.cssSelector("#map .node"));
            return columns.size() > 1
                    && columns.get(1).getLocation().getY()
                            > columns.get(0).getLocation().getY();
        });
        assertTrue(block(page, "userservice").getSize().getWidth() > 300, "a block spans the narrow window");
        Row change = browser.await(
                PAGE,
                d -> d.findElements(By.cssSelector("#audit tbody tr")).stream()
                        .findFirst()
                        .map(Row::of)
                        .orElse(null));
        assertEquals("block", change.display(), "a record is a block in a narrow window");
        assertTrue(change.width() > 300, "a record spans the narrow window");
        assertTrue(change.text().contains("schema.undistribute · no_such_schema"), change::text);
        browser.screenshot("console-narrow");
    }

    @Test
    void movingASchemaThroughThePageLandsItOnTheChosenNode() throws Exception {
        WebDriver page = logIn("operator");
        Node from = placement().get("pingservice");
        Node to = TestCluster.workers().stream()
                .filter(w -> !w.equals(from))
                .findFirst()
                .orElseThrow();

        new Select(page.findElement(By.id("move-schema"))).selectByValue("pingservice");
        new Select(page.findElement(By.id("move-target"))).selectByValue(key(to));
        new Select(page.findElement(By.id("move-mode"))).selectByValue("force_logical");
        page.findElement(By.cssSelector("#move-form button[type=submit]")).click();

        WebElement outcome =
                browser.await(Duration.ofSeconds(120), d -> visible(d, By.cssSelector("#result .outcome")));
        assertFalse(outcome.getAttribute("class").contains("failed"), outcome::getText);
        assertTrue(outcome.getText().contains("Moved pingservice"), outcome::getText);
        assertTrue(outcome.getText().contains("to " + key(to)), outcome::getText);

        assertEquals(to, placement().get("pingservice"), "the API places it on the chosen node");
        assertEquals(Set.of(key(to)), shardNodes().get("pingservice"), "citus_shards agrees");
        browser.await(PAGE, d -> key(to).equals(block(d, "pingservice").getAttribute("data-node")));

        // The move is the newest record of the audit trail, and the page lists it first.
        JsonObject newest =
                operator().get("audit?limit=1").object().getJsonArray("records").getJsonObject(0);
        assertEquals("schema.move", newest.getString("operation"), newest::toString);
        Row row = browser.await(PAGE, d -> {
            WebElement first = d.findElement(By.cssSelector("#audit tbody tr"));
            return String.valueOf(newest.getJsonNumber("id")).equals(first.getAttribute("data-id"))
                    ? Row.of(first)
                    : null;
        });
        assertTrue(row.text().contains("operator (127.0.0.1)"), row::text);
        // (jsonb keeps an object's members in its own order: by length, then alphabetically)
        assertTrue(
                row.text()
                        .contains("schema.move · pingservice · host " + to.host() + ", mode force_logical, port "
                                + to.port()),
                row::text);
        assertTrue(row.text().contains("200 done"), row::text);
        browser.screenshot("console-moved");
    }

    @Test
    void distributingOntoANodePinningAndUnpinningThroughThePage() throws Exception {
        String schema = "console_pin";
        try (Connection owner = TestCluster.connectAs("postgres");
                java.sql.Statement sql = owner.createStatement()) {
            sql.execute("SET citus.enable_schema_based_sharding = off");
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            sql.execute("CREATE SCHEMA " + schema + " AUTHORIZATION pingservice");
            sql.execute("CREATE TABLE " + schema + ".orders (id int PRIMARY KEY)");
            sql.execute("ALTER TABLE " + schema + ".orders OWNER TO pingservice");
        }
        try {
            WebDriver page = logIn("operator");
            Node onto = TestCluster.workers().stream()
                    .filter(w -> !w.equals(placement().get("userservice")))
                    .findFirst()
                    .orElseThrow();
            page.findElement(By.id("distribute-schema")).sendKeys(schema);
            WebElement pinBox = page.findElement(By.id("distribute-pin"));
            assertFalse(pinBox.isEnabled(), "no pin without a node");
            new Select(page.findElement(By.id("distribute-node"))).selectByValue(key(onto));
            pinBox.click();
            page.findElement(By.cssSelector("#distribute-form button[type=submit]"))
                    .click();
            WebElement outcome =
                    browser.await(Duration.ofSeconds(60), d -> visible(d, By.cssSelector("#result .outcome")));
            assertFalse(outcome.getAttribute("class").contains("failed"), outcome::getText);
            assertTrue(
                    outcome.getText().contains("on " + key(onto))
                            && outcome.getText().contains("pinned there"),
                    outcome::getText);
            JsonObject distributed = ok(operator().get("schemas/" + schema)).object();
            assertEquals(onto, node(distributed.getJsonObject("node")), distributed::toString);
            assertEquals("operator", distributed.getJsonObject("pin").getString("pinned_by"), distributed::toString);

            // The map marks it; the plan says it leaves it alone.
            browser.await(
                    PAGE,
                    d -> key(onto).equals(block(d, schema).getAttribute("data-node"))
                            && block(d, schema)
                                    .findElement(By.cssSelector(".pin"))
                                    .isDisplayed());
            new Select(page.findElement(By.id("rebalance-strategy"))).selectByValue("by_shard_count");
            page.findElement(By.id("plan-button")).click();
            WebElement left = browser.await(PAGE, d -> visible(d, By.cssSelector("#plan .plan-pinned")));
            assertTrue(left.getText().contains(schema + " on " + key(onto)), left::getText);
            new Select(page.findElement(By.id("pin-schema"))).selectByValue(schema);
            browser.await(
                    PAGE,
                    d -> d.findElement(By.id("pin-state"))
                            .getText()
                            .startsWith("Pinned to " + key(onto) + " by operator"));
            assertFalse(page.findElement(By.id("pin-button")).isEnabled(), "pinned already");
            browser.screenshot("console-pinned");

            page.findElement(By.id("unpin-button")).click();
            browser.await(
                    PAGE,
                    d -> d.findElement(By.cssSelector("#result .outcome"))
                            .getText()
                            .contains("Unpinned " + schema));
            assertFalse(operator().get("schemas/" + schema).object().containsKey("pin"), "unpinned in the API");
            browser.await(
                    PAGE,
                    d -> !block(d, schema).findElement(By.cssSelector(".pin")).isDisplayed()
                            && d.findElement(By.id("pin-button")).isEnabled());
            page.findElement(By.id("pin-button")).click();
            browser.await(
                    PAGE,
                    d -> d.findElement(By.cssSelector("#result .outcome"))
                            .getText()
                            .contains("Pinned " + schema));
            assertEquals(
                    onto,
                    node(ok(operator().get("schemas/" + schema + "/pin"))
                            .object()
                            .getJsonObject("node")));
            browser.await(
                    PAGE,
                    d -> block(d, schema).findElement(By.cssSelector(".pin")).isDisplayed());
        } finally {
            operator().delete("schemas/" + schema + "/pin");
            operator().delete("schemas/" + schema);
            try (Connection owner = TestCluster.connectAs("postgres");
                    java.sql.Statement sql = owner.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aRebalanceStartedFromThePageShowsItsPlanAndProgressToTheEnd() throws Exception {
        // Every schema on one worker, so that balancing by shard count has moves to make.
        Node crowded = TestCluster.workers().get(0);
        for (String schema : List.of("userservice", "timeservice", "pingservice")) {
            if (!crowded.equals(placement().get(schema))) {
                HttpReply moved = operator().postJson("schemas/" + schema + "/move", moveBody(crowded, "block_writes"));
                assertEquals(200, moved.status(), moved::toString);
            }
        }
        WebDriver page = logIn("operator");
        new Select(page.findElement(By.id("rebalance-strategy"))).selectByValue("by_shard_count");
        new Select(page.findElement(By.id("rebalance-mode"))).selectByValue("block_writes");

        page.findElement(By.id("plan-button")).click();
        List<WebElement> planned = browser.await(PAGE, d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#plan .plan-moves tbody tr"));
            return rows.isEmpty() ? null : rows;
        });
        Set<String> moving =
                operator().get("rebalance/plan?strategy=by_shard_count").object().getJsonArray("result").stream()
                        .map(m -> m.asJsonObject().getString("table").split("\\.")[0])
                        .collect(Collectors.toSet());
        assertEquals(moving.size(), planned.size(), "the page shows the API's plan, a row a schema that moves");
        assertTrue(
                planned.get(0).getText().contains(key(crowded)),
                () -> planned.get(0).getText());

        page.findElement(By.id("start-button")).click();
        browser.await(PAGE, d -> visible(d, By.cssSelector("#progress h4")));
        WebElement stop = page.findElement(By.id("stop-button"));
        browser.await(
                PAGE,
                d -> stop.isEnabled()
                        || "finished".equals(page.findElement(By.id("progress")).getAttribute("data-state")));
        browser.screenshot("console-rebalance-running");
        WebElement progress = page.findElement(By.id("progress"));
        browser.await(
                Duration.ofSeconds(180),
                d -> "finished".equals(progress.getAttribute("data-state"))
                        || "failed".equals(progress.getAttribute("data-state")));
        assertEquals("finished", progress.getAttribute("data-state"), progress::getText);
        int tasks = operator().get("rebalance").object().getJsonArray("tasks").size();
        assertTrue(progress.getText().contains(tasks + " of " + tasks + " moves done"), progress::getText);
        for (String schema : moving) {
            assertTrue(
                    progress.getText().contains(schema + " →"),
                    () -> "the progress names " + schema + ": " + progress.getText());
        }
        WebElement outcome = browser.await(PAGE, d -> visible(d, By.cssSelector("#result .outcome")));
        browser.await(
                PAGE,
                d -> d.findElement(By.cssSelector("#result .outcome")).getText().contains("Rebalance finished"));
        assertEquals(2, new HashSet<>(placement().values()).size(), "the schemas are on both workers again");
        assertTrue(page.findElement(By.id("stop-button")).getAttribute("disabled") != null, "nothing left to stop");
        browser.await(
                PAGE, d -> d.findElements(By.cssSelector("#map .schema.moving")).isEmpty());
        // The map shows where the rebalance left each schema, as soon as the job is done.
        Map<String, Node> after = placement();
        browser.await(
                Duration.ofSeconds(2),
                d -> after.entrySet().stream()
                        .allMatch(e ->
                                key(e.getValue()).equals(block(d, e.getKey()).getAttribute("data-node"))));
        browser.screenshot("console-rebalanced");
        assertTrue(outcome.isDisplayed());
    }

    @Test
    void anActionTheApiRefusesShowsItsDetail() throws Exception {
        WebDriver page = logIn("operator");
        Node here = placement().get("timeservice");
        // Citus refuses a move to the node the schema is on.
        new Select(page.findElement(By.id("move-schema"))).selectByValue("timeservice");
        new Select(page.findElement(By.id("move-target"))).selectByValue(key(here));
        page.findElement(By.cssSelector("#move-form button[type=submit]")).click();
        WebElement failed = browser.await(PAGE, d -> visible(d, By.cssSelector("#result .outcome.failed")));
        HttpReply api = operator().postJson("schemas/timeservice/move", moveBody(here, "auto"));
        assertEquals(400, api.status(), api::toString);
        assertTrue(failed.getText().contains("400 Bad Request"), failed::getText);
        assertTrue(failed.getText().contains(api.object().getString("detail")), failed::getText);
        assertEquals(here, placement().get("timeservice"), "nothing moved");
        // In the recent changes, the page's refused move (the newest but the API call above), marked refused.
        // Its text is read inside the wait: the table is re-rendered as the trail is read again.
        String refusedRow = browser.await(
                PAGE,
                d -> d.findElements(By.cssSelector("#audit tbody tr.refused")).stream()
                        .map(WebElement::getText)
                        .filter(text -> text.contains("schema.move · timeservice"))
                        .findFirst()
                        .orElse(null));
        assertTrue(refusedRow.contains("400 Bad Request: " + api.object().getString("detail")), refusedRow);

        // A schema that does not exist: the API's 404 and its detail.
        page.findElement(By.id("distribute-schema")).sendKeys("no_such_schema");
        page.findElement(By.cssSelector("#distribute-form button[type=submit]")).click();
        browser.await(PAGE, d -> d.findElement(By.id("result")).getText().contains("No schema no_such_schema"));
        assertTrue(page.findElement(By.id("result")).getText().contains("404 Not Found"));
        browser.screenshot("console-refused");
    }

    @Test
    void aReaderSeesTheMapButNoControlAndTheApiRefusesAForgedRequest() throws Exception {
        WebDriver page = logIn("reader");
        assertTrue(page.findElement(By.id("who-role")).getText().startsWith("reader"));
        assertTrue(page.findElements(By.cssSelector("#operate *")).isEmpty(), "no action control in the page");
        List<String> buttons = page.findElements(By.tagName("button")).stream()
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .toList();
        assertEquals(List.of("Log out"), buttons);
        assertTrue(page.findElements(By.tagName("select")).isEmpty());
        assertEquals(
                3,
                page.findElements(By.cssSelector("#map .schema")).stream()
                        .filter(b -> List.of("userservice", "timeservice", "pingservice")
                                .contains(b.getAttribute("data-schema")))
                        .count());
        browser.screenshot("console-reader");

        // The reader's own session, forging the page's request: the API refuses it.
        Map<String, Node> before = placement();
        Node elsewhere = TestCluster.workers().stream()
                .filter(w -> !w.equals(before.get("pingservice")))
                .findFirst()
                .orElseThrow();
        Object status = ((JavascriptExecutor) page).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('schemas/pingservice/move', {method: 'POST', credentials: 'same-origin',
                    headers: {'Content-Type': 'application/json', 'X-Requested-With': 'console'},
                    body: JSON.stringify({host: arguments[0], port: arguments[1]})})
                  .then(r => r.json().then(b => done(r.status + ' ' + b.detail)));""", elsewhere.host(), elsewhere.port());
        assertTrue(status.toString().startsWith("403 "), status::toString);
        assertEquals(before, placement(), "nothing moved");
    }

    @Test
    void anotherSitesPageCannotChangeTheClusterThroughAnOperatorsLogin() throws Exception {
        Map<String, Node> before = placement();
        Node elsewhere = TestCluster.workers().stream()
                .filter(w -> !w.equals(before.get("pingservice")))
                .findFirst()
                .orElseThrow();
        long jobsBefore = jobs();
        WebDriver page = logIn("operator");
        // A page of another site, opened in the same browser while the operator is logged in,
        // posts a form and fires requests at the API.
        String api = page();
        String forged = "<!doctype html><form method=post enctype=text/plain action='" + api
                + "schemas/pingservice/move'><input name='{\"host\":\"" + elsewhere.host() + "\",\"port\":"
                + elsewhere.port() + ",\"x\":\"' value='\"}'></form><script>"
                + "fetch('" + api + "rebalance', {method: 'POST', mode: 'no-cors', credentials: 'include'});"
                + "fetch('" + api + "nodes/" + elsewhere.host() + "/" + elsewhere.port()
                + "/drain', {method: 'POST', mode: 'no-cors', credentials: 'include'});"
                + "document.forms[0].submit();</script>";
        page.get("data:text/html;charset=utf-8,"
                + URLEncoder.encode(forged, StandardCharsets.UTF_8).replace("+", "%20"));
        browser.await(PAGE, d -> !d.getCurrentUrl().startsWith("data:"));
        Thread.sleep(1000);
        assertEquals(before, placement(), "nothing moved");
        assertEquals(jobsBefore, jobs(), "no rebalance started");
        assertTrue(
                operator()
                        .get("nodes/" + elsewhere.host() + "/" + elsewhere.port())
                        .object()
                        .getBoolean("should_have_shards"),
                "the node was not drained");
        // Back on the console, still logged in: the map shows nothing moved.
        page.get(page());
        browser.await(
                PAGE,
                d -> key(before.get("pingservice"))
                        .equals(block(d, "pingservice").getAttribute("data-node")));
        browser.screenshot("console-after-forgery");
        // Even when a browser sends the login along (HTTP Basic it remembered), a request that says
        // it comes from another site changes nothing.
        HttpReply fromOtherOrigin = operator()
                .send("POST", "rebalance", "application/json", "{}", Map.of("Origin", "https://attacker.example"));
        assertEquals(403, fromOtherOrigin.status(), fromOtherOrigin::toString);
        assertTrue(fromOtherOrigin.object().getString("detail").contains("cross-site"), fromOtherOrigin::toString);
        HttpReply markedCrossSite =
                operator().send("POST", "rebalance", "application/json", "{}", Map.of("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, markedCrossSite.status(), markedCrossSite::toString);
        assertEquals(jobsBefore, jobs(), "no rebalance started");
    }

    @Test
    void aBurstOfRequestsToOneServiceShowsAsItsSchemasActivity() throws Exception {
        WebDriver page = logIn("reader");
        ServiceClient users = server().sibling("user-war");
        for (int i = 0; i < 300; i++) {
            HttpReply reply = users.get("users?limit=1");
            assertEquals(200, reply.status(), reply::toString);
        }
        browser.await(Duration.ofSeconds(40), d -> {
            double busy = queriesPerSecond(d, "userservice");
            return busy > 1 && busy > queriesPerSecond(d, "timeservice") && busy > queriesPerSecond(d, "pingservice");
        });
        assertTrue(
                block(page, "userservice").getText().contains("q/s"),
                () -> block(page, "userservice").getText());
        JsonObject activity = operator().get("activity").object();
        assertEquals("all", activity.getString("tracking"), activity::toString);
        browser.screenshot("console-activity");
    }

    private static double queriesPerSecond(WebDriver page, String schema) {
        String value = block(page, schema).getAttribute("data-queries-per-second");
        return value == null ? -1 : Double.parseDouble(value);
    }

    private static long jobs() throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM pg_dist_background_job");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * What a test reads of an audit trail row, read at once: the console re-renders the table as the
     * trail is read again, so an element kept for later may have been replaced.
     */
    record Row(String display, int width, String text) {
        static Row of(WebElement row) {
            return new Row(row.getCssValue("display"), row.getSize().getWidth(), row.getText());
        }
    }
}
