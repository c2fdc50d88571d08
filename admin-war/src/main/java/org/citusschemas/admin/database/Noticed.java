package org.citusschemas.admin.database;

import java.util.List;

/** An answer that carries the NOTICE and WARNING messages Citus gave while doing what was asked. */
public interface Noticed {
    List<String> notices();
}
