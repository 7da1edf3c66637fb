package de.mitzeichnen.municipality;

import java.util.List;

/**
 * What an import of a domain CSV did. When {@link #errors()} is not empty nothing changed; {@code
 * errorCount} may exceed the listed errors (the list stops at 100).
 *
 * @param rows data rows read
 * @param added registrations created
 * @param updated registrations now marked verified
 * @param unchanged rows already registered as they are (or repeated in the file)
 */
public record DomainImportReport(
        int rows, int added, int updated, int unchanged, List<LineError> errors, int errorCount)
        implements ImportReport {}
