package org.citusschemas.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to a loopback port, for requests no well-behaved client sends: any
 * method, a request target exactly as given (broken percent-encodings included), any header, any
 * bytes as the body. One request a connection ({@code Connection: close}), read to the end.
 */
public final class RawHttp {

    /** A request as it goes on the wire; {@code target} is sent verbatim. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body, String what) {

        @Override
        public String toString() {
            return what + ": " + method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target) + " "
                    + headers + " body " + printable(body);
        }
    }

    /** Status, headers (names in lower case) and body of an answer. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private RawHttp() {}

    public static Reply send(int port, Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(
                    (request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.writeBytes(("Host: 127.0.0.1:" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
            request.headers()
                    .forEach((name, value) ->
                            head.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
            if (request.body() != null) {
                head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            if (request.body() != null) {
                try {
                    out.write(request.body());
                } catch (IOException e) {
                    // the server may answer (413) and close before reading it all
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request, e);
        }
    }

    private static Reply read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int start = 0;
        int end = headEnd(all, start);
        while (end > 0 && new String(all, start, 12, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100")) {
            start = end + 4; // an interim answer before the real one
            end = headEnd(all, start);
        }
        if (end < 0) {
            throw new IOException("not an HTTP answer: " + new String(all, StandardCharsets.UTF_8));
        }
        String[] lines = new String(all, start, end - start, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunked(body);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static int headEnd(byte[] bytes, int from) {
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] unchunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    static String printable(byte[] body) {
        if (body == null) {
            return "(none)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(120).forEach(c -> {
            if (c < 0x20 || c == 0xFFFD || (c >= 0xD800 && c <= 0xDFFF)) {
                shown.append(String.format("\\x%02x", c & 0xFF));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return body.length > 120 ? shown + "… (" + body.length + " bytes)" : shown.toString();
    }
}
