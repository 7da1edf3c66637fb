package de.mitzeichnen.alliance;

import de.mitzeichnen.invitation.OfficeCsv;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a list of contact persons as town halls keep them — CSV (UTF-8 or Windows-1252, {@code ;}
 * or {@code ,}) or XLSX through the shared {@link OfficeCsv} — with a header naming the columns in
 * German or English: name, e-mail, role (the words of invitation lists), the member by AGS,
 * Landkreis key or name (abroad with a country), optionally body and note. Every row is checked
 * with the rules of the form, against the alliance's members and stored contacts and the rows
 * before it; the preview shows each problem, and only rows without problems are ever stored.
 * Reading stores nothing.
 */
@Singleton
class ContactCsv {

    static final int MAX_ROWS = 5000;

    private static final Map<String, String> HEADERS = new HashMap<>();

    static {
        put("name", "name", "vor- und nachname", "ansprechpartner", "ansprechpartnerin", "kontakt");
        put("email", "email", "e-mail", "mail", "e-mail-adresse", "emailadresse");
        put("role", "role", "funktion", "rolle", "amt");
        put("key", "ags", "gemeindeschlüssel", "gemeindeschluessel", "kreisschlüssel", "key");
        put(
                "member",
                "mitglied",
                "member",
                "gemeinde",
                "kommune",
                "stadt",
                "landkreis",
                "municipality",
                "ort",
                "place");
        put("country", "staat", "country", "ländercode", "laendercode");
        put("body", "body", "gremium", "stelle", "dienststelle", "referat");
        put("note", "note", "notiz", "bemerkung", "anmerkung");
    }

    private static void put(String column, String... names) {
        for (String n : names) {
            HEADERS.put(n, column);
        }
    }

    /** One row: what it says, the member it names, and its problems. */
    record Line(
            int number,
            String name,
            String email,
            String role,
            String member,
            String country,
            String body,
            String note,
            @Nullable String resolved,
            @Nullable MemberPlace place,
            List<Memberships.Problem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }

        Contacts.Input input() {
            return new Contacts.Input(name, role, email, body, note);
        }
    }

    /** The whole file: its lines, or the message key of a problem with the file itself. */
    record Parsed(List<Line> lines, @Nullable String fileProblem) {
        List<Line> good() {
            return lines.stream().filter(Line::ok).toList();
        }

        long bad() {
            return lines.stream().filter(l -> !l.ok()).count();
        }
    }

    private final Places places;
    private final Contacts contacts;

    ContactCsv(Places places, Contacts contacts) {
        this.places = places;
        this.contacts = contacts;
    }

    Parsed parse(Alliance alliance, byte[] bytes, Locale locale) {
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
            String column = HEADERS.get(header.get(i).toLowerCase(Locale.ROOT).strip());
            if (column != null) {
                columns.putIfAbsent(column, i);
            }
        }
        Integer memberColumn = columns.getOrDefault("key", columns.get("member"));
        if (!columns.keySet().containsAll(List.of("name", "email", "role"))
                || memberColumn == null) {
            return new Parsed(List.of(), "alliance.contacts.csv.header");
        }
        if (records.size() - 1 > MAX_ROWS) {
            return new Parsed(List.of(), "alliance.contacts.csv.tooMany");
        }
        List<MemberPlace> allowed = contacts.places(alliance.id());
        Set<String> seen = new HashSet<>();
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            String name = get(rec, columns.get("name"));
            String email = get(rec, columns.get("email"));
            String role = get(rec, columns.get("role"));
            String member = get(rec, memberColumn);
            String country = columns.containsKey("country") ? get(rec, columns.get("country")) : "";
            String body = columns.containsKey("body") ? get(rec, columns.get("body")) : "";
            String note = columns.containsKey("note") ? get(rec, columns.get("note")) : "";
            List<Memberships.Problem> problems = new ArrayList<>();
            Places.Resolved resolved = places.resolve(member, country);
            MemberPlace place = null;
            String shown = null;
            if (resolved.target() == null) {
                problems.add(Memberships.Problem.of("place", resolved.problem()));
            } else {
                place = places.placeOf(resolved.target()).orElse(null);
                shown = resolved.shown();
                if (place == null || !allowed.contains(place)) {
                    problems.add(
                            Memberships.Problem.of("place", "alliance.contact.error.notMember"));
                }
            }
            Contacts.Input input = new Contacts.Input(name, role, email, body, note);
            contacts.check(alliance.id(), place, input, null).problems().stream()
                    // the member's problem is said once, above
                    .filter(p -> !p.field().equals("place"))
                    .forEach(problems::add);
            String key =
                    de.mitzeichnen.email.EmailAddress.parse(email).map(a -> a.key()).orElse(null);
            if (key != null
                    && !seen.add(key)
                    && problems.stream().noneMatch(p -> p.field().equals("email"))) {
                problems.add(Memberships.Problem.of("email", "invitation.problem.duplicate"));
            }
            lines.add(
                    new Line(
                            rec.getRecordNumber() == 0 ? r + 1 : (int) rec.getRecordNumber(),
                            name,
                            email,
                            role,
                            member,
                            country.isBlank() ? "DE" : country.strip().toUpperCase(Locale.ROOT),
                            body,
                            note,
                            shown,
                            place,
                            problems));
        }
        return new Parsed(lines, null);
    }

    private static String get(CSVRecord rec, int i) {
        return i < rec.size() ? rec.get(i).strip() : "";
    }
}
