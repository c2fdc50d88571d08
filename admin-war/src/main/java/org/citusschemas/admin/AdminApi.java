package org.citusschemas.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin API's REST application, at the root of its context. */
@ApplicationPath("/")
public class AdminApi extends Application {
}
