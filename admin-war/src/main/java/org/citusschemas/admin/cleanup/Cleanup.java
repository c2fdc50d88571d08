package org.citusschemas.admin.cleanup;

import java.util.List;

/** What cleanup did ({@code cleaned}) and what it could not delete yet ({@code left}, in use). */
public record Cleanup(int cleaned, List<Leftover> left) {}
