package org.citusschemas.time;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The time service's REST application, at the root of its context. */
@ApplicationPath("/")
public class TimeService extends Application {

    /** The service's role, which is also its schema's name and its migrations' folder. */
    public static final String ROLE = "timeservice";
    /** Its server-managed datasource, created by server-config's post-boot commands. */
    public static final String DATASOURCE = "jdbc/timeservice";
}
