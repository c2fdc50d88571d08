package org.citusschemas.ping.boundary;

/** The answer to {@code POST /ping}, as the tutorial's service gives it: the host and ping's output. */
public record PingReply(String host, String result) {}
