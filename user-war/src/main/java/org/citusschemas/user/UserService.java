package org.citusschemas.user;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The user service's REST application, at the root of its context. */
@ApplicationPath("/")
public class UserService extends Application {

    /** The service's role, which is also its schema's name and its migrations' folder. */
    public static final String ROLE = "userservice";
    /** Its server-managed datasource, created by server-config's post-boot commands. */
    public static final String DATASOURCE = "jdbc/userservice";
}
