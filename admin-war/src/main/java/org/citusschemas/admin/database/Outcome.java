package org.citusschemas.admin.database;

import java.util.List;

/** What an operation produced, with the NOTICE and WARNING messages Citus gave while doing it. */
public record Outcome<T>(T result, List<String> notices) implements Noticed {}
