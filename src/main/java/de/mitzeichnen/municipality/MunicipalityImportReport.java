package de.mitzeichnen.municipality;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.List;

/**
 * What an import of a GV100AD file did. When {@link #errors()} is not empty the file was rejected
 * and nothing changed; {@code errorCount} may exceed the listed errors (the list stops at 50).
 *
 * @param municipalities municipalities in the file (without the unincorporated areas)
 * @param unincorporated unincorporated areas in the file (type 65/66), not kept as municipalities
 * @param added municipalities new to the register
 * @param updated municipalities whose name, population, type, Verband, postal code … changed
 * @param retired municipalities of the file's Länder that the file no longer contains: kept,
 *     inactive
 * @param reactivated inactive municipalities that the file contains again
 * @param unchanged municipalities the file confirms as they are
 */
public record MunicipalityImportReport(
        String source,
        @Nullable LocalDate gebietsstand,
        int laender,
        int kreise,
        int verbaende,
        int municipalities,
        int unincorporated,
        int added,
        int updated,
        int retired,
        int reactivated,
        int unchanged,
        long population,
        List<LineError> errors,
        int errorCount,
        long millis)
        implements ImportReport {

    static MunicipalityImportReport rejected(
            String source,
            @Nullable LocalDate gebietsstand,
            List<LineError> errors,
            int errorCount,
            long millis) {
        return new MunicipalityImportReport(
                source, gebietsstand, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, errors, errorCount, millis);
    }
}
