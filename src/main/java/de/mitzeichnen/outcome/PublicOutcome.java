package de.mitzeichnen.outcome;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * The hand-over or the answer as the public sees it; {@code fileName} only when the organiser
 * published the file ({@code filePath} is then its public address).
 */
public record PublicOutcome(
        OutcomeKind kind,
        LocalDate date,
        @Nullable String recipient,
        String note,
        @Nullable String fileName,
        @Nullable String filePath) {}
