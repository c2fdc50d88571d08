package org.citusschemas.ping.control;

/** The server has no usable {@code ping} command: the service cannot do its one job. */
public class PingUnavailableException extends RuntimeException {

    public PingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
