package de.mitzeichnen.municipality;

import de.mitzeichnen.municipality.RegisterRows.KreisRow;
import de.mitzeichnen.municipality.RegisterRows.LandRow;
import de.mitzeichnen.municipality.RegisterRows.MunicipalityRow;
import de.mitzeichnen.municipality.RegisterRows.VerbandRow;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Destatis GV100AD file into the register. The file is checked completely before anything
 * is written; then one transaction adds new municipalities, updates changed ones, and retires
 * (keeps, marks inactive with the Gebietsstand they ended) those of the file's Länder that it no
 * longer contains. A file covering only some Länder therefore leaves the others alone. The
 * in-memory search index follows after the commit.
 */
@Singleton
public class MunicipalityImport {

    /** The register shipped with the product, loaded at the first start. */
    public static final String SHIPPED_FILE = "municipality/GV100AD_30112025.txt.gz";

    static final String POINTS_FILE = "municipality/gemeinden_punkte_vg5000_2021.csv.gz";

    /** A GV100AD file is about 3.5 MB; anything far bigger is not one. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MunicipalityImport.class);
    private static final String LOCK = "municipality-import";

    private final RegisterStore store;
    private final TransactionOperations<Connection> transactions;
    private final MunicipalityRegister register;
    private final Clock clock;
    private volatile Map<String, double[]> points;

    MunicipalityImport(
            RegisterStore store,
            TransactionOperations<Connection> transactions,
            MunicipalityRegister register,
            Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.register = register;
        this.clock = clock;
    }

    /**
     * Imports a GV100AD file (UTF-8 or, as older files, Windows-1252; plain, not compressed).
     *
     * @param in the file; read completely, not closed
     * @param sourceName how the file is named in the import log (file name, upload name)
     * @return the counts, or the errors (each naming its line) when the file was rejected and
     *     nothing changed
     */
    public MunicipalityImportReport importGv100ad(InputStream in, String sourceName) {
        long started = System.nanoTime();
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + sourceName + " failed", e);
        }
        if (bytes.length > MAX_BYTES) {
            return MunicipalityImportReport.rejected(
                    sourceName,
                    null,
                    List.of(
                            LineError.of(
                                    0,
                                    "municipality.import.error.tooLarge",
                                    MAX_BYTES / (1024 * 1024))),
                    1,
                    millisSince(started));
        }
        Gv100adFile file = Gv100adParser.parse(bytes);
        if (!file.ok()) {
            return MunicipalityImportReport.rejected(
                    sourceName,
                    file.gebietsstand(),
                    file.errors(),
                    file.errorCount(),
                    millisSince(started));
        }
        long parsed = System.nanoTime();
        Map<String, double[]> coordinates = points();
        MunicipalityImportReport report =
                transactions.executeWrite(
                        status -> {
                            try {
                                return write(
                                        status.getConnection(),
                                        file,
                                        coordinates,
                                        sourceName,
                                        started);
                            } catch (SQLException e) {
                                throw new DataAccessException(
                                        "Importing " + sourceName + " failed: " + e.getMessage(),
                                        e);
                            }
                        });
        long written = System.nanoTime();
        if (report.ok()) {
            register.reload();
            LOG.debug(
                    "Import of {}: parsing {} ms, writing {} ms, index {} ms",
                    sourceName,
                    (parsed - started) / 1_000_000,
                    (written - parsed) / 1_000_000,
                    millisSince(written));
            LOG.info(
                    "Imported {} (Gebietsstand {}): {} municipalities – {} added, {} updated, {} retired, "
                            + "{} reactivated, {} unchanged; {} Länder, {} Kreise, {} Gemeindeverbände, "
                            + "{} unincorporated areas skipped; in {} ms",
                    sourceName,
                    report.gebietsstand(),
                    report.municipalities(),
                    report.added(),
                    report.updated(),
                    report.retired(),
                    report.reactivated(),
                    report.unchanged(),
                    report.laender(),
                    report.kreise(),
                    report.verbaende(),
                    report.unincorporated(),
                    report.millis());
        }
        return report;
    }

    /**
     * Loads the shipped register when the register is empty (the first start); does nothing
     * otherwise.
     */
    public Optional<MunicipalityImportReport> importShippedIfEmpty() {
        if (store.countMunicipalities() > 0) {
            return Optional.empty();
        }
        return Optional.of(importShipped());
    }

    /**
     * Imports the shipped file again, e.g. to undo a test import; a no-op on a register that
     * matches it.
     */
    MunicipalityImportReport importShipped() {
        try (InputStream in = resource(SHIPPED_FILE)) {
            return importGv100ad(in, SHIPPED_FILE.substring(SHIPPED_FILE.lastIndexOf('/') + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the checked file in the caller's transaction: Länder, Kreise, Gemeindeverbände,
     * Gemeinden, the log.
     */
    private MunicipalityImportReport write(
            Connection c,
            Gv100adFile file,
            Map<String, double[]> coordinates,
            String source,
            long started)
            throws SQLException {
        store.lock(c, LOCK);
        LocalDate stand = file.gebietsstand();
        Set<String> scope = new HashSet<>();
        file.laender().forEach(l -> scope.add(l.code()));
        Map<String, LandRow> oldLands = store.lands(c);
        LocalDate registerStand =
                oldLands.values().stream()
                        .filter(l -> scope.contains(l.code()))
                        .map(LandRow::gebietsstand)
                        .max(LocalDate::compareTo)
                        .orElse(null);
        if (registerStand != null && stand.isBefore(registerStand)) {
            // An older file would undo mergers that already happened.
            return MunicipalityImportReport.rejected(
                    source,
                    stand,
                    List.of(
                            LineError.of(
                                    0, "municipality.import.error.older", stand, registerStand)),
                    1,
                    millisSince(started));
        }
        Instant now = clock.instant();
        Populations populations = Populations.of(file);
        Map<String, String> verbandNames = verbandNames(file);
        boolean changed = writeLands(c, file, oldLands, populations, stand, now);
        changed |= writeKreise(c, file, scope, populations, stand, now);
        changed |= writeVerbaende(c, file, scope, verbandNames, stand, now);
        GemeindenWritten g = writeGemeinden(c, file, scope, coordinates, verbandNames, stand, now);
        if (changed || g.changed() || registerStand == null || !registerStand.equals(stand)) {
            store.logImport(
                    c,
                    source,
                    stand,
                    g.added(),
                    g.updated(),
                    g.retired(),
                    g.reactivated(),
                    g.unchanged(),
                    now);
        }
        return new MunicipalityImportReport(
                source,
                stand,
                file.laender().size(),
                file.kreise().size(),
                file.verbaende().size(),
                g.inFile(),
                populations.unincorporated(),
                g.added(),
                g.updated(),
                g.retired(),
                g.reactivated(),
                g.unchanged(),
                populations.total(),
                List.of(),
                0,
                millisSince(started));
    }

    /**
     * Inhabitants by Land and by Kreis (unincorporated areas included), and of the municipalities
     * in total.
     */
    private record Populations(
            Map<String, Long> byLand, Map<String, Long> byKreis, long total, int unincorporated) {

        static Populations of(Gv100adFile file) {
            Map<String, Long> byLand = new HashMap<>();
            Map<String, Long> byKreis = new HashMap<>();
            long total = 0;
            int unincorporated = 0;
            for (Gv100adFile.Gemeinde g : file.gemeinden()) {
                byLand.merge(g.landCode(), (long) g.population(), Long::sum);
                byKreis.merge(g.kreisAgs(), (long) g.population(), Long::sum);
                if (g.unincorporated()) {
                    unincorporated++;
                } else {
                    total += g.population();
                }
            }
            return new Populations(byLand, byKreis, total, unincorporated);
        }
    }

    private static Map<String, String> verbandNames(Gv100adFile file) {
        Map<String, String> names = new HashMap<>();
        for (Gv100adFile.Verband v : file.verbaende()) {
            names.put(v.ars(), v.name());
        }
        return names;
    }

    /**
     * Adds and updates the file's Länder (they are never retired); returns whether any row changed.
     */
    private boolean writeLands(
            Connection c,
            Gv100adFile file,
            Map<String, LandRow> oldLands,
            Populations populations,
            LocalDate stand,
            Instant now)
            throws SQLException {
        List<LandRow> inserts = new ArrayList<>();
        List<LandRow> updates = new ArrayList<>();
        for (Gv100adFile.Land l : file.laender()) {
            LandRow row =
                    new LandRow(
                            l.code(),
                            l.name(),
                            l.seat(),
                            populations.byLand().getOrDefault(l.code(), 0L).intValue(),
                            stand);
            LandRow old = oldLands.get(l.code());
            if (old == null) {
                inserts.add(row);
            } else if (!old.sameContent(row) || !old.gebietsstand().equals(stand)) {
                updates.add(row);
            }
        }
        store.insertLands(c, inserts, now);
        store.updateLands(c, updates, now);
        return !inserts.isEmpty() || !updates.isEmpty();
    }

    /**
     * Adds, updates and retires the Kreise of the file's Länder; returns whether any row changed.
     */
    private boolean writeKreise(
            Connection c,
            Gv100adFile file,
            Set<String> scope,
            Populations populations,
            LocalDate stand,
            Instant now)
            throws SQLException {
        Map<String, KreisRow> oldKreise = store.kreise(c);
        List<KreisRow> inserts = new ArrayList<>();
        List<KreisRow> updates = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        Set<String> inFile = new HashSet<>();
        for (Gv100adFile.Kreis k : file.kreise()) {
            inFile.add(k.ags());
            KreisRow row =
                    new KreisRow(
                            k.ags(),
                            k.name(),
                            Gv100adParser.kreisDisplayName(k.name(), k.typeCode()),
                            k.typeCode(),
                            Gv100adParser.KREIS_TYPES.get(k.typeCode()),
                            k.ags().substring(0, 2),
                            k.seat(),
                            populations.byKreis().getOrDefault(k.ags(), 0L).intValue(),
                            stand,
                            true,
                            null);
            KreisRow old = oldKreise.get(k.ags());
            if (old == null) {
                inserts.add(row);
            } else if (!old.active() || !old.sameContent(row)) {
                updates.add(row);
            } else {
                confirmed.add(k.ags());
            }
        }
        for (KreisRow old : oldKreise.values()) {
            if (old.active() && scope.contains(old.landCode()) && !inFile.contains(old.ags())) {
                updates.add(
                        new KreisRow(
                                old.ags(),
                                old.name(),
                                old.displayName(),
                                old.typeCode(),
                                old.typeLabel(),
                                old.landCode(),
                                old.seat(),
                                old.population(),
                                old.gebietsstand(),
                                false,
                                stand));
            }
        }
        store.insertKreise(c, inserts, now);
        store.updateKreise(c, updates, now);
        store.confirmGebietsstand(c, "kreis", "ags", confirmed, stand);
        return !inserts.isEmpty() || !updates.isEmpty();
    }

    /**
     * Adds, updates and retires the Gemeindeverbände of the file's Länder; returns whether any row
     * changed.
     */
    private boolean writeVerbaende(
            Connection c,
            Gv100adFile file,
            Set<String> scope,
            Map<String, String> verbandNames,
            LocalDate stand,
            Instant now)
            throws SQLException {
        Map<String, VerbandRow> oldVerbaende = store.verbaende(c);
        List<VerbandRow> inserts = new ArrayList<>();
        List<VerbandRow> updates = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        for (Gv100adFile.Verband v : file.verbaende()) {
            VerbandRow row =
                    new VerbandRow(
                            v.ars(),
                            v.name(),
                            v.typeCode(),
                            Gv100adParser.VERBAND_TYPES.get(v.typeCode()),
                            v.ars().substring(0, 2),
                            v.ars().substring(0, 5),
                            stand,
                            true,
                            null);
            VerbandRow old = oldVerbaende.get(v.ars());
            if (old == null) {
                inserts.add(row);
            } else if (!old.active() || !old.sameContent(row)) {
                updates.add(row);
            } else {
                confirmed.add(v.ars());
            }
        }
        for (VerbandRow old : oldVerbaende.values()) {
            if (old.active()
                    && scope.contains(old.landCode())
                    && !verbandNames.containsKey(old.ars())) {
                updates.add(
                        new VerbandRow(
                                old.ars(),
                                old.name(),
                                old.typeCode(),
                                old.typeLabel(),
                                old.landCode(),
                                old.kreisAgs(),
                                old.gebietsstand(),
                                false,
                                stand));
            }
        }
        store.insertVerbaende(c, inserts, now);
        store.updateVerbaende(c, updates, now);
        store.confirmGebietsstand(c, "gemeindeverband", "ars", confirmed, stand);
        return !inserts.isEmpty() || !updates.isEmpty();
    }

    /** What {@link #writeGemeinden} did, counted for the report and the import log. */
    private record GemeindenWritten(
            int inFile, int added, int updated, int retired, int reactivated, int unchanged) {

        boolean changed() {
            return added + updated + retired + reactivated > 0;
        }
    }

    /**
     * Adds, updates, reactivates and retires the municipalities of the file's Länder
     * (unincorporated areas are not municipalities); a municipality keeps its map point when the
     * points file has none for it.
     */
    private GemeindenWritten writeGemeinden(
            Connection c,
            Gv100adFile file,
            Set<String> scope,
            Map<String, double[]> coordinates,
            Map<String, String> verbandNames,
            LocalDate stand,
            Instant now)
            throws SQLException {
        Map<String, MunicipalityRow> oldRows = store.municipalities(c);
        List<MunicipalityRow> inserts = new ArrayList<>();
        List<MunicipalityRow> updates = new ArrayList<>();
        List<String> confirmed = new ArrayList<>();
        Set<String> inFile = new HashSet<>();
        int updated = 0;
        int reactivated = 0;
        for (Gv100adFile.Gemeinde g : file.gemeinden()) {
            if (g.unincorporated()) {
                continue;
            }
            inFile.add(g.ags());
            MunicipalityRow old = oldRows.get(g.ags());
            double[] point = coordinates.get(g.ags());
            Double lat = point != null ? Double.valueOf(point[0]) : old != null ? old.lat() : null;
            Double lon = point != null ? Double.valueOf(point[1]) : old != null ? old.lon() : null;
            String display = Gv100adParser.displayName(g.name());
            MunicipalityRow row =
                    new MunicipalityRow(
                            g.ags(),
                            g.ars(),
                            g.name(),
                            display,
                            g.typeCode(),
                            Gv100adParser.GEMEINDE_TYPES.get(g.typeCode()),
                            g.landCode(),
                            g.kreisAgs(),
                            g.verbandArs(),
                            verbandNames.get(g.verbandArs()),
                            g.population(),
                            g.postalCode(),
                            BigDecimal.valueOf(g.areaHectares(), 2),
                            stand,
                            true,
                            null,
                            lat,
                            lon,
                            SearchKeys.key(display));
            if (old == null) {
                inserts.add(row);
            } else if (!old.active()) {
                updates.add(row);
                reactivated++;
            } else if (!old.sameContent(row)) {
                updates.add(row);
                updated++;
            } else {
                confirmed.add(g.ags());
            }
        }
        int retired = 0;
        for (MunicipalityRow old : oldRows.values()) {
            if (old.active() && scope.contains(old.landCode()) && !inFile.contains(old.ags())) {
                updates.add(
                        new MunicipalityRow(
                                old.ags(),
                                old.ars(),
                                old.name(),
                                old.displayName(),
                                old.typeCode(),
                                old.typeLabel(),
                                old.landCode(),
                                old.kreisAgs(),
                                old.verbandArs(),
                                old.verbandName(),
                                old.population(),
                                old.postalCode(),
                                old.areaKm2(),
                                old.gebietsstand(),
                                false,
                                stand,
                                old.lat(),
                                old.lon(),
                                old.searchKey()));
                retired++;
            }
        }
        store.insertMunicipalities(c, inserts, now);
        store.updateMunicipalities(c, updates, now);
        store.confirmGebietsstand(c, "municipality", "ags", confirmed, stand);
        return new GemeindenWritten(
                inFile.size(), inserts.size(), updated, retired, reactivated, confirmed.size());
    }

    /** The BKG VG5000 points (one inside each municipality of 2021), by AGS: {lat, lon}. */
    Map<String, double[]> points() {
        Map<String, double[]> p = points;
        if (p == null) {
            p = new HashMap<>(12_000);
            try (BufferedReader r =
                    new BufferedReader(
                            new InputStreamReader(resource(POINTS_FILE), StandardCharsets.UTF_8))) {
                String header = r.readLine();
                if (header == null || !header.startsWith("AGS,")) {
                    throw new IllegalStateException(
                            POINTS_FILE + " does not start with the expected header");
                }
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String[] f = line.split(",");
                    if (f.length >= 6) {
                        p.put(
                                f[0],
                                new double[] {
                                    Double.parseDouble(f[f.length - 1]),
                                    Double.parseDouble(f[f.length - 2])
                                });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            points = p;
        }
        return p;
    }

    static InputStream resource(String name) throws IOException {
        InputStream raw = MunicipalityImport.class.getClassLoader().getResourceAsStream(name);
        if (raw == null) {
            throw new IOException(name + " is missing from the classpath");
        }
        return name.endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
