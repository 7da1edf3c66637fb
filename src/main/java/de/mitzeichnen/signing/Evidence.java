package de.mitzeichnen.signing;

import de.mitzeichnen.console.UploadedFile;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * What a reply the organiser received elsewhere rests on: how it came (e-mail, letter, council
 * resolution, phone call), the date it bears (e.g. of the council's resolution), a note, and
 * optionally the scan or file (kept in the database; only the organiser downloads it).
 */
public record Evidence(
        VerificationMethod method,
        @Nullable LocalDate date,
        @Nullable String note,
        @Nullable UploadedFile file) {}
