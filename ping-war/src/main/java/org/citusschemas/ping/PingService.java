package org.citusschemas.ping;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The ping service's REST application, at the root of its context. */
@ApplicationPath("/")
public class PingService extends Application {

    /** The service's role, which is also its schema's name and its migrations' folder. */
    public static final String ROLE = "pingservice";
    /** Its server-managed datasource, created by server-config's post-boot commands. */
    public static final String DATASOURCE = "jdbc/pingservice";
}
