package org.citusschemas.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Optional;

/** What a service answered: status, content type, body, and the body read as JSON. */
public record HttpReply(int status, String contentType, String body, HttpResponse<String> raw) {

    public JsonValue json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new AssertionError("Not JSON (" + status + " " + contentType + "): " + body, e);
        }
    }

    public JsonObject object() {
        return json().asJsonObject();
    }

    public JsonArray array() {
        return json().asJsonArray();
    }

    public Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + body;
    }
}
