package org.citusschemas.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The admin API's REST application, at the root of its context. Its OpenAPI document,
 * META-INF/openapi.yaml, is served at {@code /openapi} (problem-json's OpenApiDocument) and kept
 * true to the resources by OpenApiDocumentTest.
 */
@ApplicationPath("/")
public class AdminApi extends Application {}
