package org.citusschemas.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the module's build produced: integration tests deploy the real artifact. */
public final class ServiceWar {

    private ServiceWar() {}

    public static WebArchive built() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, file());
    }

    /** The built WAR's file. */
    public static File file() {
        File war = new File(System.getProperty("service.war", "target/missing.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No WAR at " + war + ": run the tests through Maven (mvn verify)");
        }
        return war;
    }
}
