package org.citusschemas.problem.json;

import jakarta.ws.rs.ClientErrorException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The most a request body may hold, and the stream that enforces it: reading past the limit is a
 * 413, whether or not the request said its length up front.
 */
public final class BodyLimit {

    /** 4 MiB: a full batch of 1000 users at the columns' 255 characters each fits with room. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    private BodyLimit() {}

    public static ClientErrorException tooLarge() {
        return new ClientErrorException(
                "The request body is larger than the limit of " + MAX_BYTES + " bytes (4 MiB)", 413);
    }

    /** The body, failing with a 413 once it yields more than {@link #MAX_BYTES}. */
    public static InputStream limited(InputStream body) {
        return new FilterInputStream(body) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }

            private void counted(int n) {
                count += n;
                if (count > MAX_BYTES) {
                    throw tooLarge();
                }
            }
        };
    }
}
