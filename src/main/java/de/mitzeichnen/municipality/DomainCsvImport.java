package de.mitzeichnen.municipality;

import de.mitzeichnen.db.Sql;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The import of official mail domains from a CSV file (operator command and console upload): every
 * line is checked first, and a file with any error changes nothing.
 */
@Singleton
class DomainCsvImport {

    static final int MAX_CSV_BYTES = 10 * 1024 * 1024;
    static final int MAX_LISTED_ERRORS = 100;
    static final String CSV_SOURCE = "csv-import";

    private final MunicipalityDomainRepository repository;
    private final MunicipalityRegister register;
    private final FreemailDomains freemail;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    DomainCsvImport(
            MunicipalityDomainRepository repository,
            MunicipalityRegister register,
            FreemailDomains freemail,
            TransactionOperations<Connection> transactions,
            Clock clock) {
        this.repository = repository;
        this.register = register;
        this.freemail = freemail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Imports a CSV with the header {@code ags,domain} (separated by "," or ";"; the column may
     * also be called {@code email_domain}; an optional {@code verified} column takes true/false,
     * default true). Every line is checked first; a file with any error (unknown AGS, invalid or
     * free-mail domain …) changes nothing.
     */
    DomainImportReport importCsv(InputStream in, String source) {
        String text;
        try {
            byte[] bytes = in.readNBytes(MAX_CSV_BYTES + 1);
            if (bytes.length > MAX_CSV_BYTES) {
                return rejected(
                        List.of(
                                LineError.of(
                                        0,
                                        "municipality.domains.error.tooLarge",
                                        MAX_CSV_BYTES / (1024 * 1024))),
                        1);
            }
            text = Gv100adParser.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the domain file failed", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<LineError> errors = new ArrayList<>();
        int errorCount = 0;
        int rows = 0;
        int repeated = 0;
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(delimiter)
                        .setIgnoreEmptyLines(true)
                        .setIgnoreSurroundingSpaces(true)
                        .setTrim(true)
                        .build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> columns = null;
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(record);
                    if (!columns.containsKey("ags") || !columns.containsKey("domain")) {
                        return rejected(
                                List.of(LineError.of(line, "municipality.domains.error.header")),
                                1);
                    }
                    continue;
                }
                rows++;
                LineError problem = null;
                String ags = field(record, columns.get("ags"));
                String rawDomain = field(record, columns.get("domain"));
                String rawVerified =
                        columns.containsKey("verified")
                                ? field(record, columns.get("verified"))
                                : "";
                Optional<String> domain = MailDomains.normaliseDomain(rawDomain);
                Optional<Boolean> verified = parseFlag(rawVerified);
                if (!MailDomains.isPlaceKey(register, ags)) {
                    problem = LineError.of(line, "municipality.domains.error.unknownAgs", ags);
                } else if (rawDomain.isEmpty()) {
                    problem = LineError.of(line, "municipality.domains.error.missing");
                } else if (domain.isEmpty()) {
                    problem = LineError.of(line, "municipality.domains.error.invalid", rawDomain);
                } else if (freemail.isFreemail(domain.get())) {
                    problem =
                            LineError.of(line, "municipality.domains.error.freemail", domain.get());
                } else if (verified.isEmpty()) {
                    problem =
                            LineError.of(line, "municipality.domains.error.verified", rawVerified);
                }
                if (problem != null) {
                    errorCount++;
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(problem);
                    }
                    continue;
                }
                Entry previous =
                        entries.putIfAbsent(
                                ags + " " + domain.get(),
                                new Entry(ags, domain.get(), verified.get()));
                if (previous != null) {
                    repeated++;
                }
            }
            if (columns == null) {
                return rejected(List.of(LineError.of(0, "municipality.domains.error.empty")), 1);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException malformed) {
            // commons-csv reports broken quoting as an exception naming the line
            return rejected(
                    List.of(
                            LineError.of(
                                    0,
                                    "municipality.domains.error.syntax",
                                    malformed.getMessage())),
                    1);
        }
        if (!errors.isEmpty()) {
            return new DomainImportReport(rows, 0, 0, 0, List.copyOf(errors), errorCount);
        }
        int unchangedInFile = repeated;
        int rowCount = rows;
        String src = source == null || source.isBlank() ? CSV_SOURCE : source.strip();
        String cleanSource = src.length() > 100 ? src.substring(0, 100) : src;
        return transactions.executeWrite(
                status ->
                        write(
                                status.getConnection(),
                                entries.values(),
                                rowCount,
                                unchangedInFile,
                                cleanSource));
    }

    private record Entry(String ags, String domain, boolean verified) {}

    private DomainImportReport write(
            Connection c, Collection<Entry> entries, int rows, int repeated, String source) {
        lock(c);
        Map<String, MunicipalityDomain> existing = new HashMap<>();
        Set<String> agsInFile = new HashSet<>();
        entries.forEach(e -> agsInFile.add(e.ags()));
        List<String> agsList = new ArrayList<>(agsInFile);
        for (int from = 0; from < agsList.size(); from += 500) {
            for (MunicipalityDomain d :
                    repository.findByAgsIn(
                            agsList.subList(from, Math.min(agsList.size(), from + 500)))) {
                existing.put(d.ags() + " " + d.domain(), d);
            }
        }
        List<MunicipalityDomain> inserts = new ArrayList<>();
        int updated = 0;
        int unchanged = repeated;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (Entry e : entries) {
            MunicipalityDomain old = existing.get(e.ags() + " " + e.domain());
            if (old == null) {
                inserts.add(
                        new MunicipalityDomain(
                                null, e.ags(), e.domain(), source, e.verified(), now));
            } else if (e.verified() && !old.verified()) {
                repository.updateVerified(old.id(), true);
                updated++;
            } else {
                unchanged++;
            }
        }
        repository.saveAll(inserts);
        return new DomainImportReport(rows, inserts.size(), updated, unchanged, List.of(), 0);
    }

    private static void lock(Connection c) {
        Sql.first(
                c,
                "SELECT name FROM register_lock WHERE name = ? FOR UPDATE",
                rs -> rs.getString(1),
                "domain-import");
    }

    private static DomainImportReport rejected(List<LineError> errors, int count) {
        return new DomainImportReport(0, 0, 0, 0, errors, count);
    }

    private static Map<String, Integer> header(CSVRecord record) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.equals("email_domain") || name.equals("mail_domain")) {
                name = "domain";
            }
            columns.putIfAbsent(name, i);
        }
        return columns;
    }

    private static String field(CSVRecord record, int index) {
        return index < record.size() ? record.get(index).strip() : "";
    }

    /** Empty when the word is neither yes nor no. */
    private static Optional<Boolean> parseFlag(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes", "ja", "y", "j", "x" -> Optional.of(true);
            case "false", "0", "no", "nein", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
