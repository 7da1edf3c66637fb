package de.mitzeichnen.alliance;

import de.mitzeichnen.invitation.OfficeCsv;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a member list as town halls keep them — CSV (UTF-8 or Windows-1252, {@code ;} or {@code ,})
 * or XLSX, through the shared {@link OfficeCsv} — with a header naming the columns in German or
 * English: the place by key (AGS, Landkreis key) or name, optionally a country for places abroad,
 * the dates of joining and leaving, the basis. Every row is checked against the register and the
 * alliance's stored memberships, with the same rules as the form; the preview shows each problem,
 * and only rows without problems are ever stored. Reading stores nothing (a place abroad is only
 * looked up).
 */
@Singleton
class MemberFile {

    static final int MAX_ROWS = 5000;

    private static final Map<String, String> HEADERS = new HashMap<>();

    static {
        for (String h :
                List.of(
                        "ags",
                        "gemeindeschlüssel",
                        "gemeindeschluessel",
                        "amtlicher gemeindeschlüssel",
                        "kreisschlüssel",
                        "kreisschluessel",
                        "schlüssel",
                        "schluessel",
                        "key")) {
            HEADERS.put(h, "key");
        }
        for (String h :
                List.of(
                        "name",
                        "mitglied",
                        "member",
                        "gemeinde",
                        "kommune",
                        "stadt",
                        "municipality",
                        "ort",
                        "place")) {
            HEADERS.put(h, "name");
        }
        for (String h : List.of("staat", "country", "ländercode", "laendercode")) {
            HEADERS.put(h, "country");
        }
        for (String h :
                List.of(
                        "beitritt",
                        "beitrittsdatum",
                        "beigetreten",
                        "beigetreten am",
                        "mitglied seit",
                        "seit",
                        "joined",
                        "joined on",
                        "member since")) {
            HEADERS.put(h, "joined");
        }
        for (String h :
                List.of(
                        "austritt",
                        "austrittsdatum",
                        "ausgetreten",
                        "ausgetreten am",
                        "bis",
                        "left",
                        "left on")) {
            HEADERS.put(h, "left");
        }
        for (String h :
                List.of(
                        "grundlage",
                        "beschluss",
                        "basis",
                        "rechtsgrundlage",
                        "beschlussgrundlage")) {
            HEADERS.put(h, "basis");
        }
    }

    /** A problem of a row: a message key and its arguments. */
    record Problem(String key, List<Object> args) {}

    /** One row: what it says, what it resolved to, and its problems. */
    record Line(
            int number,
            String place,
            String country,
            @Nullable String resolved,
            String joined,
            String left,
            String basis,
            @Nullable Memberships.NewMember member,
            List<Problem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The whole file: its lines, or the message key of a problem with the file itself. */
    record Parsed(List<Line> lines, @Nullable String fileProblem) {
        List<Memberships.NewMember> good() {
            return lines.stream().filter(Line::ok).map(Line::member).toList();
        }

        long bad() {
            return lines.stream().filter(l -> !l.ok()).count();
        }
    }

    private final Places places;
    private final Memberships memberships;

    MemberFile(Places places, Memberships memberships) {
        this.places = places;
        this.memberships = memberships;
    }

    /**
     * @param defaultJoined the date of joining for rows without one (the upload form's field)
     * @param defaultBasis the basis for rows without one
     */
    Parsed parse(
            long allianceId,
            byte[] bytes,
            @Nullable LocalDate defaultJoined,
            @Nullable String defaultBasis) {
        OfficeCsv.Read read = OfficeCsv.read(bytes);
        if (read.problem() != null) {
            return new Parsed(List.of(), read.problem());
        }
        List<CSVRecord> records = read.records();
        if (records.isEmpty()) {
            return new Parsed(List.of(), "invitation.csv.empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        CSVRecord header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            String name =
                    header.get(i)
                            .replace("\uFEFF", "")
                            .strip()
                            .toLowerCase(Locale.GERMAN)
                            .replaceAll("[:*]+$", "")
                            .replaceAll("\\s+", " ");
            String key = HEADERS.get(name);
            if (key != null) {
                columns.putIfAbsent(key, i);
            }
        }
        if (!columns.containsKey("key") && !columns.containsKey("name")) {
            return new Parsed(List.of(), "alliance.import.header");
        }
        if (records.size() - 1 > MAX_ROWS) {
            return new Parsed(List.of(), "alliance.import.tooMany");
        }
        Map<String, List<Memberships.NewMember>> inFile = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            lines.add(
                    line(
                            allianceId,
                            rec.getRecordNumber() == 0 ? r + 1 : (int) rec.getRecordNumber(),
                            rec,
                            columns,
                            defaultJoined,
                            defaultBasis,
                            inFile));
        }
        return new Parsed(lines, null);
    }

    private Line line(
            long allianceId,
            int number,
            CSVRecord rec,
            Map<String, Integer> columns,
            @Nullable LocalDate defaultJoined,
            @Nullable String defaultBasis,
            Map<String, List<Memberships.NewMember>> inFile) {
        String key = get(rec, columns.get("key"));
        String name = get(rec, columns.get("name"));
        String countryCell = get(rec, columns.get("country"));
        String joinedText = get(rec, columns.get("joined"));
        String leftText = get(rec, columns.get("left"));
        String basisCell = get(rec, columns.get("basis"));
        String basis = basisCell.isEmpty() && defaultBasis != null ? defaultBasis : basisCell;
        String country = country(countryCell);
        String placeText = !key.isEmpty() && "DE".equals(country) ? key : name;
        List<Problem> problems = new ArrayList<>();

        Places.Resolved resolved = null;
        if (country == null) {
            problems.add(problem("alliance.error.country"));
        } else {
            resolved = places.resolve(placeText, country);
            if (resolved.problem() != null) {
                problems.add(
                        problem(
                                resolved.problem().equals("alliance.error.place.choose")
                                        ? "alliance.problem.ambiguous"
                                        : resolved.problem()));
            }
        }
        LocalDate joined = null;
        if (joinedText.isEmpty()) {
            joined = defaultJoined;
            if (joined == null) {
                problems.add(problem("alliance.problem.joined.missing"));
            }
        } else {
            joined = Dates.parse(joinedText);
            if (joined == null) {
                problems.add(problem("alliance.problem.joined.invalid"));
            }
        }
        LocalDate left = null;
        if (!leftText.isEmpty()) {
            left = Dates.parse(leftText);
            if (left == null) {
                problems.add(problem("alliance.problem.left.invalid"));
            }
        }
        Memberships.NewMember member = null;
        if (problems.isEmpty()) {
            member =
                    new Memberships.NewMember(
                            resolved.target(), joined, left, basis.isEmpty() ? null : basis, null);
            for (Memberships.Problem p : memberships.problems(allianceId, member)) {
                problems.add(new Problem(p.key(), p.args()));
            }
            String placeKey = sameness(resolved.target());
            List<Memberships.NewMember> before =
                    inFile.computeIfAbsent(placeKey, k -> new ArrayList<>());
            if (problems.isEmpty()) {
                LocalDate j = joined;
                LocalDate l = left;
                if (before.stream().anyMatch(b -> overlaps(b, j, l))) {
                    problems.add(problem("alliance.problem.duplicate"));
                } else {
                    before.add(member);
                }
            }
        }
        return new Line(
                number,
                placeText,
                country == null ? countryCell : country,
                resolved == null ? null : resolved.shown(),
                joinedText.isEmpty() && joined != null ? Dates.shown(joined) : joinedText,
                leftText,
                basis,
                problems.isEmpty() ? member : null,
                problems);
    }

    private static boolean overlaps(Memberships.NewMember b, LocalDate joined, LocalDate left) {
        return (left == null || b.joinedOn().isBefore(left))
                && (b.leftOn() == null || joined.isBefore(b.leftOn()));
    }

    /** One text per place, also for a place abroad that is not stored yet. */
    private static String sameness(MemberTarget t) {
        if (t instanceof MemberTarget.Municipality m) {
            return "M" + m.ags();
        }
        if (t instanceof MemberTarget.District d) {
            return "K" + d.key();
        }
        MemberTarget.Foreign f = (MemberTarget.Foreign) t;
        return "F" + f.country() + ":" + f.name().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A country as a cell gives it: empty or Germany is DE, an ISO code, or a country's name in
     * German or English („Schweiz", „Switzerland"); null when it is none.
     */
    static @Nullable String country(String cell) {
        String c = cell.strip();
        if (c.isEmpty()) {
            return "DE";
        }
        Set<String> iso = Set.of(Locale.getISOCountries());
        if (c.length() == 2 && iso.contains(c.toUpperCase(Locale.ROOT))) {
            return c.toUpperCase(Locale.ROOT);
        }
        String folded = c.toLowerCase(Locale.GERMAN);
        for (String code : iso) {
            Locale l = new Locale("", code);
            if (l.getDisplayCountry(Locale.GERMAN).toLowerCase(Locale.GERMAN).equals(folded)
                    || l.getDisplayCountry(Locale.ENGLISH)
                            .toLowerCase(Locale.GERMAN)
                            .equals(folded)) {
                return code;
            }
        }
        return null;
    }

    private static Problem problem(String key, Object... args) {
        return new Problem(key, List.of(args));
    }

    private static String get(CSVRecord rec, @Nullable Integer i) {
        return i == null || i >= rec.size() ? "" : rec.get(i).strip();
    }
}
