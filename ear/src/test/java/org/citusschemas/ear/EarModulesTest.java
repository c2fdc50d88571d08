package org.citusschemas.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The EAR carries every WAR that server-config/services names, each at the context root of its
 * name (user-war at /user), and nothing else but the root page: a service added to the list but
 * not to ear/pom.xml (or the other way round) fails here, before any server starts.
 */
class EarModulesTest {

    /** A web module of application.xml: the WAR's file (group-artifact-version.war) and its context root. */
    private static final Pattern WEB = Pattern.compile(
            "<web-uri>org\\.citusschemas-([a-z0-9-]+)-[^<]*\\.war</web-uri>\\s*<context-root>([^<]*)</context-root>");

    @Test
    void carriesEveryServiceOfTheListAtTheContextRootOfItsName() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("services.file")))) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && !fields[0].startsWith("#")) {
                expected.put(fields[2], "/" + fields[2].replaceFirst("-war$", ""));
            }
        }
        expected.put("root-war", "/");

        Map<String, String> packed = new TreeMap<>();
        Matcher web = WEB.matcher(Files.readString(Path.of(System.getProperty("application.xml"))));
        while (web.find()) {
            packed.put(web.group(1).replaceFirst("-\\d.*$", ""), web.group(2));
        }
        assertEquals(expected, packed, "server-config/services (left) and the EAR's application.xml (right)");
    }
}
