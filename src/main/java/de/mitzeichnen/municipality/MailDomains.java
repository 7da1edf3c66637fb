package de.mitzeichnen.municipality;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry of official mail domains and the judgement of an address against it. Operators import domains
 * (CSV) or add the one a signer used with one click in the console; free-mail domains are never registered.
 */
@Singleton
public class MailDomains {

    static final String FREEMAIL_FILE = "municipality/freemail-domains.txt";
    static final int MAX_CSV_BYTES = 10 * 1024 * 1024;
    static final int MAX_LISTED_ERRORS = 100;
    static final String CSV_SOURCE = "csv-import";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
    private static final Pattern AGS = Pattern.compile("[0-9]{8}");

    private final MunicipalityDomainRepository repository;
    private final MunicipalityRegister register;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final Set<String> freemail;

    MailDomains(MunicipalityDomainRepository repository, MunicipalityRegister register,
                TransactionOperations<Connection> transactions, Clock clock) {
        this.repository = repository;
        this.register = register;
        this.transactions = transactions;
        this.clock = clock;
        this.freemail = loadFreemail();
    }

    /**
     * How far the address speaks for the municipality: {@link DomainTrust#OFFICIAL_DOMAIN} when its domain (or a
     * parent domain: rathaus.stadt-x.de → stadt-x.de) is registered for it; {@link DomainTrust#OTHER_MUNICIPALITY}
     * when registered only for others; {@link DomainTrust#FREEMAIL}; else {@link DomainTrust#UNKNOWN} (also for
     * something that is not an address).
     */
    public DomainTrust trustFor(String email, String ags) {
        Optional<String> domain = domainOf(email);
        if (domain.isEmpty()) {
            return DomainTrust.UNKNOWN;
        }
        List<MunicipalityDomain> registered = repository.findByDomainIn(selfAndParents(domain.get()));
        String wanted = ags == null ? "" : ags.strip();
        if (registered.stream().anyMatch(d -> d.ags().equals(wanted))) {
            return DomainTrust.OFFICIAL_DOMAIN;
        }
        if (!registered.isEmpty()) {
            return DomainTrust.OTHER_MUNICIPALITY;
        }
        return isFreemail(domain.get()) ? DomainTrust.FREEMAIL : DomainTrust.UNKNOWN;
    }

    /** Whether the domain (or a parent of it) belongs to a free-mail provider; any "yahoo" domain does. */
    public boolean isFreemail(String domain) {
        Optional<String> d = normaliseDomain(domain);
        if (d.isEmpty()) {
            return false;
        }
        String[] labels = d.get().split("\\.");
        for (int i = 0; i < labels.length - 1; i++) {
            if (labels[i].equals("yahoo")) {
                return true;
            }
        }
        return selfAndParents(d.get()).stream().anyMatch(freemail::contains);
    }

    /**
     * Registers a domain for a municipality (idempotent; a second call with {@code verified} marks it verified).
     *
     * @throws DomainException for an unknown AGS, an invalid domain or a free-mail domain
     */
    public void addDomain(String ags, String domain, String source, boolean verified) {
        String a = ags == null ? "" : ags.strip();
        if (register.findByAgs(a).isEmpty()) {
            throw new DomainException("municipality.domain.unknownAgs", a);
        }
        String d = checkedDomain(domain);
        String s = source == null || source.isBlank() ? "manual" : source.strip();
        s = s.length() > 100 ? s.substring(0, 100) : s;
        Optional<MunicipalityDomain> existing = repository.findByAgsAndDomain(a, d);
        if (existing.isPresent()) {
            if (verified && !existing.get().verified()) {
                repository.updateVerified(existing.get().id(), true);
            }
            return;
        }
        try {
            repository.save(new MunicipalityDomain(null, a, d, s, verified, now()));
        } catch (DataAccessException raced) {
            // Added by someone else a moment ago (unique ags + domain).
            MunicipalityDomain other = repository.findByAgsAndDomain(a, d).orElseThrow(() -> raced);
            if (verified && !other.verified()) {
                repository.updateVerified(other.id(), true);
            }
        }
    }

    /** The domains registered for a municipality, alphabetically. */
    public List<MunicipalityDomain> domainsOf(String ags) {
        return repository.findByAgsOrderByDomain(ags == null ? "" : ags.strip());
    }

    /** {@link #importCsv(InputStream, String)} with source "csv-import". */
    public DomainImportReport importCsv(InputStream in) {
        return importCsv(in, CSV_SOURCE);
    }

    /**
     * Imports a CSV with the header {@code ags,domain} (separated by "," or ";"; the column may also be called
     * {@code email_domain}; an optional {@code verified} column takes true/false, default true). Every line is
     * checked first; a file with any error (unknown AGS, invalid or free-mail domain …) changes nothing.
     */
    public DomainImportReport importCsv(InputStream in, String source) {
        String text;
        try {
            byte[] bytes = in.readNBytes(MAX_CSV_BYTES + 1);
            if (bytes.length > MAX_CSV_BYTES) {
                return rejected(List.of(LineError.of(0, "municipality.domains.error.tooLarge",
                        MAX_CSV_BYTES / (1024 * 1024))), 1);
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
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).setTrim(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> columns = null;
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(record);
                    if (!columns.containsKey("ags") || !columns.containsKey("domain")) {
                        return rejected(List.of(LineError.of(line, "municipality.domains.error.header")), 1);
                    }
                    continue;
                }
                rows++;
                LineError problem = null;
                String ags = field(record, columns.get("ags"));
                String rawDomain = field(record, columns.get("domain"));
                String rawVerified = columns.containsKey("verified") ? field(record, columns.get("verified")) : "";
                Optional<String> domain = normaliseDomain(rawDomain);
                Boolean verified = parseFlag(rawVerified);
                if (!AGS.matcher(ags).matches() || register.findByAgs(ags).isEmpty()) {
                    problem = LineError.of(line, "municipality.domains.error.unknownAgs", ags);
                } else if (rawDomain.isEmpty()) {
                    problem = LineError.of(line, "municipality.domains.error.missing");
                } else if (domain.isEmpty()) {
                    problem = LineError.of(line, "municipality.domains.error.invalid", rawDomain);
                } else if (isFreemail(domain.get())) {
                    problem = LineError.of(line, "municipality.domains.error.freemail", domain.get());
                } else if (verified == null) {
                    problem = LineError.of(line, "municipality.domains.error.verified", rawVerified);
                }
                if (problem != null) {
                    errorCount++;
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(problem);
                    }
                    continue;
                }
                Entry previous = entries.putIfAbsent(ags + " " + domain.get(), new Entry(ags, domain.get(), verified));
                if (previous != null) {
                    repeated++;
                }
            }
            if (columns == null) {
                return rejected(List.of(LineError.of(0, "municipality.domains.error.empty")), 1);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException malformed) {
            // commons-csv reports broken quoting as an exception naming the line
            return rejected(List.of(LineError.of(0, "municipality.domains.error.syntax", malformed.getMessage())), 1);
        }
        if (!errors.isEmpty()) {
            return new DomainImportReport(rows, 0, 0, 0, List.copyOf(errors), errorCount);
        }
        int unchangedInFile = repeated;
        int rowCount = rows;
        String src = source == null || source.isBlank() ? CSV_SOURCE : source.strip();
        String cleanSource = src.length() > 100 ? src.substring(0, 100) : src;
        return transactions.executeWrite(status -> write(status.getConnection(), entries.values(), rowCount,
                unchangedInFile, cleanSource));
    }

    private record Entry(String ags, String domain, boolean verified) {
    }

    private DomainImportReport write(Connection c, java.util.Collection<Entry> entries, int rows, int repeated,
                                     String source) {
        lock(c);
        Map<String, MunicipalityDomain> existing = new HashMap<>();
        Set<String> agsInFile = new HashSet<>();
        entries.forEach(e -> agsInFile.add(e.ags()));
        List<String> agsList = new ArrayList<>(agsInFile);
        for (int from = 0; from < agsList.size(); from += 500) {
            for (MunicipalityDomain d : repository.findByAgsIn(agsList.subList(from, Math.min(agsList.size(), from + 500)))) {
                existing.put(d.ags() + " " + d.domain(), d);
            }
        }
        List<MunicipalityDomain> inserts = new ArrayList<>();
        int updated = 0;
        int unchanged = repeated;
        Instant now = now();
        for (Entry e : entries) {
            MunicipalityDomain old = existing.get(e.ags() + " " + e.domain());
            if (old == null) {
                inserts.add(new MunicipalityDomain(null, e.ags(), e.domain(), source, e.verified(), now));
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
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM register_lock WHERE name = 'domain-import' FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw new DataAccessException("Locking the domain import failed: " + e.getMessage(), e);
        }
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

    private static Boolean parseFlag(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes", "ja", "y", "j", "x" -> Boolean.TRUE;
            case "false", "0", "no", "nein", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    private String checkedDomain(String domain) {
        Optional<String> d = normaliseDomain(domain);
        if (d.isEmpty()) {
            throw new DomainException("municipality.domain.invalid", domain == null ? "" : domain);
        }
        if (isFreemail(d.get())) {
            throw new DomainException("municipality.domain.freemail", d.get());
        }
        return d.get();
    }

    /** The domain of an address, normalised; empty when the text is not an address. */
    static Optional<String> domainOf(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String e = email.strip();
        int at = e.lastIndexOf('@');
        if (at < 1 || at == e.length() - 1) {
            return Optional.empty();
        }
        return normaliseDomain(e.substring(at + 1));
    }

    /**
     * A domain in its stored form (lower case, ASCII/punycode, no trailing dot), or empty when it is not a valid
     * host name with at least two labels: "Stadt-Müllheim.DE." → "xn--stadt-mllheim-1ob.de".
     */
    public static Optional<String> normaliseDomain(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 253) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
        if (ascii.length() > 253) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(ascii);
    }

    /** "a.b.stadt-x.de" → [a.b.stadt-x.de, b.stadt-x.de, stadt-x.de]: the domain and its parents, not the TLD. */
    static List<String> selfAndParents(String domain) {
        List<String> out = new ArrayList<>();
        String d = domain;
        while (d.indexOf('.') > 0) {
            out.add(d);
            d = d.substring(d.indexOf('.') + 1);
        }
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Set<String> loadFreemail() {
        Set<String> out = new HashSet<>();
        InputStream in = MailDomains.class.getClassLoader().getResourceAsStream(FREEMAIL_FILE);
        if (in == null) {
            throw new IllegalStateException(FREEMAIL_FILE + " is missing from the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
