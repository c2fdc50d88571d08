package org.citusschemas.admin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditedParametersTest {

    static JsonObject parsed(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static String of(Map<String, List<String>> path, String body) {
        return AuditedParameters.of(path, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsPathParametersAndAJsonBodyAsSent() {
        JsonObject stored = parsed(of(
                Map.of("name", List.of("pingservice")),
                "{\"host\":\"127.0.0.1\",\"port\":9812,\"mode\":null,\"x\":[1.5,true]}"));
        assertEquals("pingservice", stored.getJsonObject("path").getString("name"));
        assertEquals(
                parsed("{\"host\":\"127.0.0.1\",\"port\":9812,\"mode\":null,\"x\":[1.5,true]}"),
                stored.getJsonObject("body"));
    }

    @Test
    void replacesWhatASecretMemberHoldsAtAnyDepth() {
        String stored = of(
                Map.of(),
                "{\"password\":\"hunter2\",\"nested\":[{\"api_token\":\"t0k\",\"Private_Key\":\"k\"}],\"name\":\"a\"}");
        assertFalse(stored.contains("hunter2") || stored.contains("t0k") || stored.contains("\"k\""), stored);
        JsonObject body = parsed(stored).getJsonObject("body");
        assertEquals(AuditedParameters.REDACTED, body.getString("password"));
        assertEquals(
                AuditedParameters.REDACTED,
                body.getJsonArray("nested").getJsonObject(0).getString("api_token"));
        assertEquals("a", body.getString("name"));
    }

    @Test
    void keepsAnExcerptOfWhatIsNotOneJsonDocument() {
        JsonObject stored = parsed(of(Map.of(), "{\"schema\":\"a\"} trailing"));
        assertEquals("{\"schema\":\"a\"} trailing", stored.getString("body_excerpt"));
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertTrue(parsed(AuditedParameters.of(Map.of(), Map.of(), notUtf8)).containsKey("body_excerpt"));
        byte[] large = ("\"" + "x".repeat(AuditedParameters.KEPT_BYTES) + "\"").getBytes(StandardCharsets.UTF_8);
        JsonObject excerpt = parsed(AuditedParameters.of(Map.of(), Map.of(), large));
        assertEquals(
                AuditedParameters.EXCERPT_CHARS,
                excerpt.getString("body_excerpt").length());
    }

    @Test
    void makesWhatPostgresqlRefusesStorable() {
        String stored = of(Map.of("name", List.of("a\u0000b")), "{\"schema\":\"x\\u0000y\\ud800z\"}");
        assertFalse(stored.contains("\\u0000") || stored.contains("\u0000") || stored.contains("\ud800"), stored);
        assertEquals("x\ufffdy\ufffdz", parsed(stored).getJsonObject("body").getString("schema"));
        assertEquals("a\ufffdb", parsed(stored).getJsonObject("path").getString("name"));
    }

    @Test
    void makesTextAnAnswerEchoesStorableAndLeavesTheRestAlone() {
        assertEquals(
                "Unknown field 'a\ufffdb\ufffd' \uD83D\uDE00 \\u0000",
                AuditedParameters.storableText("Unknown field 'a\u0000b\udc00' \uD83D\uDE00 \\u0000"));
        assertNull(AuditedParameters.storableText(null));
    }

    @Test
    void leavesOutWhatARequestDidNotHave() {
        assertEquals("{}", AuditedParameters.of(Map.of(), Map.of(), new byte[0]));
    }
}
