package de.mitzeichnen.replies;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.invitation.OfficeCsv;
import de.mitzeichnen.invitation.RoleWords;
import de.mitzeichnen.signing.Evidence;
import de.mitzeichnen.signing.ReplyForms;
import de.mitzeichnen.signing.SignForm;
import de.mitzeichnen.signing.SignatureRequest;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.SignerText;
import de.mitzeichnen.signing.VerificationMethod;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Many replies from one CSV file: the invitation list's columns (name, e-mail — optional here —,
 * role, municipality, body) plus the evidence (how, date, note) and the signer's consent to show
 * the name. Every row is checked exactly like the sign form; a file with any problem stores
 * nothing.
 */
@Singleton
class ReplyCsv {

    static final int MAX_ROWS = 2000;
    private static final Map<String, String> HEADERS =
            Map.ofEntries(
                    Map.entry("name", "name"),
                    Map.entry("vor- und nachname", "name"),
                    Map.entry("email", "email"),
                    Map.entry("e-mail", "email"),
                    Map.entry("mail", "email"),
                    Map.entry("e-mail-adresse", "email"),
                    Map.entry("role", "role"),
                    Map.entry("funktion", "role"),
                    Map.entry("rolle", "role"),
                    Map.entry("municipality", "municipality"),
                    Map.entry("gemeinde", "municipality"),
                    Map.entry("kommune", "municipality"),
                    Map.entry("ags", "municipality"),
                    Map.entry("stadt", "municipality"),
                    Map.entry("body", "body"),
                    Map.entry("gremium", "body"),
                    Map.entry("evidence", "evidence"),
                    Map.entry("nachweis", "evidence"),
                    Map.entry("date", "date"),
                    Map.entry("datum", "date"),
                    Map.entry("note", "note"),
                    Map.entry("notiz", "note"),
                    Map.entry("publicname", "publicName"),
                    Map.entry("name öffentlich", "publicName"));
    private static final Map<String, VerificationMethod> METHODS =
            Map.ofEntries(
                    Map.entry("email", VerificationMethod.EMAIL),
                    Map.entry("e-mail", VerificationMethod.EMAIL),
                    Map.entry("mail", VerificationMethod.EMAIL),
                    Map.entry("letter", VerificationMethod.LETTER),
                    Map.entry("brief", VerificationMethod.LETTER),
                    Map.entry("council_resolution", VerificationMethod.COUNCIL_RESOLUTION),
                    Map.entry("council resolution", VerificationMethod.COUNCIL_RESOLUTION),
                    Map.entry("ratsbeschluss", VerificationMethod.COUNCIL_RESOLUTION),
                    Map.entry("beschluss", VerificationMethod.COUNCIL_RESOLUTION),
                    Map.entry("phone", VerificationMethod.PHONE),
                    Map.entry("anruf", VerificationMethod.PHONE),
                    Map.entry("telefon", VerificationMethod.PHONE));
    private static final Set<String> YES = Set.of("ja", "yes", "j", "y", "x", "1", "true");

    private final ReplyForms forms;
    private final Signatures signatures;
    private final Texts texts;
    private final Clock clock;

    ReplyCsv(ReplyForms forms, Signatures signatures, Texts texts, Clock clock) {
        this.forms = forms;
        this.signatures = signatures;
        this.texts = texts;
        this.clock = clock;
    }

    /** One row: what it says, what it became, and its problems (message keys). */
    record Line(
            int number,
            String name,
            String email,
            String role,
            String municipality,
            String evidence,
            String date,
            String placeName,
            SignatureRequest request,
            Evidence proof,
            List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The file's rows, or a problem with the file itself (a message key). */
    record Parsed(List<Line> lines, String fileProblem) {
        long bad() {
            return lines.stream().filter(l -> !l.ok()).count();
        }

        boolean ready() {
            return fileProblem == null && !lines.isEmpty() && bad() == 0;
        }
    }

    Parsed parse(Appeal appeal, byte[] bytes) {
        OfficeCsv.Read read = OfficeCsv.read(bytes);
        if (read.problem() != null) {
            return new Parsed(List.of(), read.problem());
        }
        List<CSVRecord> records = read.records();
        if (records.size() < 2) {
            return new Parsed(List.of(), "invitation.csv.empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        CSVRecord header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            String key = HEADERS.get(header.get(i).toLowerCase(Locale.ROOT).strip());
            if (key != null) {
                columns.putIfAbsent(key, i);
            }
        }
        if (!columns.keySet().containsAll(List.of("name", "role", "municipality", "evidence"))) {
            return new Parsed(List.of(), "replies.csv.header");
        }
        if (records.size() - 1 > MAX_ROWS) {
            return new Parsed(List.of(), "replies.csv.tooMany");
        }
        Set<String> seen = new HashSet<>();
        Set<String> signed = signatures.confirmedAddresses(appeal.id());
        LocalDate today =
                LocalDate.now(clock.withZone(de.mitzeichnen.config.MitzeichnenConfig.ZONE));
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            String name = get(rec, columns.get("name"));
            String email = get(rec, columns.get("email"));
            String role = get(rec, columns.get("role"));
            String municipality = get(rec, columns.get("municipality"));
            String body = get(rec, columns.get("body"));
            String evidence = get(rec, columns.get("evidence"));
            String date = get(rec, columns.get("date"));
            String note = get(rec, columns.get("note"));
            boolean publicName =
                    YES.contains(get(rec, columns.get("publicName")).toLowerCase(Locale.ROOT));
            List<String> problems = new ArrayList<>();
            SignerRole signerRole = RoleWords.read(role, texts).orElse(null);
            SignForm form =
                    new SignForm(
                            name,
                            signerRole == null ? role : signerRole.name(),
                            "",
                            body,
                            municipality,
                            "DE",
                            email,
                            publicName,
                            false,
                            false);
            ReplyForms.Checked checked = forms.check(appeal, form);
            checked.errors().forEach((field, key) -> problems.add(key));
            if (checked.valid() && checked.request().email() != null) {
                String key = checked.request().email().key();
                if (!seen.add(key)) {
                    problems.add("invitation.problem.duplicate");
                } else if (signed.contains(key)) {
                    problems.add("invitation.problem.signed");
                }
            }
            VerificationMethod method = METHODS.get(evidence.toLowerCase(Locale.ROOT));
            if (method == null) {
                problems.add("replies.error.method");
            }
            LocalDate day = date.isEmpty() ? null : ReplyPages.date(date);
            if (!date.isEmpty() && (day == null || day.isAfter(today))) {
                problems.add("replies.error.date");
            } else if (day == null && method == VerificationMethod.COUNCIL_RESOLUTION) {
                problems.add("replies.error.date.resolution");
            }
            if (note.length() > ReplyPages.MAX_NOTE || SignerText.hasControl(note)) {
                problems.add("replies.error.note");
            }
            lines.add(
                    new Line(
                            (int) rec.getRecordNumber(),
                            name,
                            email,
                            role,
                            municipality,
                            evidence,
                            date,
                            checked.placeName(),
                            checked.request(),
                            method == null
                                    ? null
                                    : new Evidence(method, day, note.isEmpty() ? null : note, null),
                            problems.stream().distinct().toList()));
        }
        return new Parsed(lines, null);
    }

    private static String get(CSVRecord rec, Integer i) {
        return i == null || i >= rec.size() ? "" : rec.get(i).strip();
    }
}
