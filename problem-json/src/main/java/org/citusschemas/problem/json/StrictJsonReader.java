package org.citusschemas.problem.json;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Every JSON request body of the product, read by {@link StrictJson} instead of the runtime's
 * JSON-B, and at most {@link BodyLimit#MAX_BYTES} long. A charset other than UTF-8 is refused
 * (RFC 8259: JSON between systems is UTF-8).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Priority(Priorities.USER)
public class StrictJsonReader implements MessageBodyReader<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StrictJson.supports(genericType);
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream entity)
            throws IOException {
        if (mediaType.isWildcardType() || mediaType.isWildcardSubtype()) {
            throw new NotSupportedException("Content-Type " + mediaType + " names no type; send application/json");
        }
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw new NotSupportedException("Charset " + charset + " is not accepted; send the JSON as UTF-8");
        }
        String length = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (length != null
                && length.length() < 20
                && length.matches("\\d+")
                && Long.parseLong(length) > BodyLimit.MAX_BYTES) {
            throw BodyLimit.tooLarge();
        }
        return StrictJson.read(BodyLimit.limited(entity), genericType);
    }
}
