package de.mitzeichnen.export;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** One signature as the exports show it. */
public record ExportRow(
        String municipality,
        @Nullable String ags,
        String land,
        @Nullable String landCode,
        @Nullable String kreis,
        @Nullable Integer population,
        @Nullable String name,
        String role,
        @Nullable String body,
        @Nullable String email,
        @Nullable String trust,
        @Nullable String trustFlag,
        @Nullable Instant confirmedAt,
        String textHash,
        boolean publicName,
        // signed for a Landkreis, not a municipality
        boolean district) {}
