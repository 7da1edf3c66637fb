package de.mitzeichnen.invitation;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.SignerText;
import de.mitzeichnen.web.Texts;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
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
 * Reads an invitation list as organisers keep them (seed 001: lists of contact persons): UTF-8 or
 * Windows-1252, separated by ',' or ';', with a header naming the columns in German or English.
 * Every row is checked; the preview shows each problem, and only rows without problems are ever
 * invited.
 */
@Singleton
@Connectable
public class InvitationCsv {

    public static final int MAX_ROWS = 5000;
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
                    Map.entry("gremium", "body"));

    private final MunicipalityRegister register;
    private final JdbcOperations jdbc;
    private final Texts texts;

    private final Signatures signatures;
    private final Invitations invitations;

    InvitationCsv(
            MunicipalityRegister register,
            JdbcOperations jdbc,
            Texts texts,
            Signatures signatures,
            Invitations invitations) {
        this.invitations = invitations;
        this.signatures = signatures;
        this.register = register;
        this.jdbc = jdbc;
        this.texts = texts;
    }

    /**
     * What an invitation is for: a municipality (8-digit AGS) or a Landkreis (its 5-digit key),
     * with its name.
     *
     * @param district whether {@code ags} is a Landkreis's key
     */
    public record Place(String ags, String displayName, boolean district) {}

    /** One row of the file: what it says, what it resolved to, and its problems (message keys). */
    public record Line(
            int number,
            String name,
            String email,
            String role,
            String municipality,
            String body,
            EmailAddress address,
            SignerRole signerRole,
            Place place,
            List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The whole file: its lines, or a problem with the file itself. */
    public record Parsed(List<Line> lines, String fileProblem) {
        public List<Line> good() {
            return lines.stream().filter(Line::ok).toList();
        }

        public long bad() {
            return lines.stream().filter(l -> !l.ok()).count();
        }
    }

    public Parsed parse(Appeal appeal, byte[] bytes) {
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
            String key = HEADERS.get(header.get(i).toLowerCase(Locale.ROOT).strip());
            if (key != null) {
                columns.putIfAbsent(key, i);
            }
        }
        if (!columns.keySet().containsAll(List.of("name", "email", "role", "municipality"))) {
            return new Parsed(List.of(), "invitation.csv.header");
        }
        if (records.size() - 1 > MAX_ROWS) {
            return new Parsed(List.of(), "invitation.csv.tooMany");
        }
        Set<String> seen = new HashSet<>();
        Set<String> signed = confirmedAddresses(appeal.id());
        Set<String> invited = invitedAddresses(appeal.id());
        String list = invitations.defaultList(appeal.id()).orElse(null);
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            String name = get(rec, columns.get("name"));
            String email = get(rec, columns.get("email"));
            String role = get(rec, columns.get("role"));
            String municipality = get(rec, columns.get("municipality"));
            String body = columns.containsKey("body") ? get(rec, columns.get("body")) : "";
            List<String> problems = new ArrayList<>();
            SignerText.name(name)
                    .ifPresent(p -> problems.add("invitation.problem.name." + p.name()));
            EmailAddress.Check checked = EmailAddress.check(email);
            EmailAddress address = checked.address();
            if (address == null) {
                problems.add(
                        checked.errorKey().equals(EmailAddress.INVALID)
                                ? "invitation.problem.email"
                                : checked.errorKey());
            } else if (!seen.add(address.key())) {
                problems.add("invitation.problem.duplicate");
            } else if (signed.contains(address.key())) {
                problems.add("invitation.problem.signed");
            } else if (invited.contains(address.key())) {
                problems.add("invitation.problem.invited");
            } else if (invitations
                    .listMail(list, address.key())
                    .filter(MailingLists.ListMail::unsubscribed)
                    .isPresent()) {
                problems.add("invitation.problem.unsubscribed");
            }
            SignerRole signerRole = RoleWords.read(role, texts).orElse(null);
            if (signerRole == null || signerRole == SignerRole.OTHER) {
                problems.add("invitation.problem.role.unknown");
            } else if (!appeal.allowedRoles().contains(signerRole)) {
                problems.add("invitation.problem.role.notAllowed");
            }
            Place place = place(municipality);
            if (place == null) {
                problems.add("invitation.problem.municipality");
            } else if (signerRole != null && !signerRole.fits(place.district())) {
                problems.add(
                        place.district()
                                ? "invitation.problem.role.notForDistrict"
                                : "invitation.problem.role.onlyForDistrict");
            }
            SignerText.body(body)
                    .ifPresent(p -> problems.add("invitation.problem.body." + p.name()));
            lines.add(
                    new Line(
                            rec.getRecordNumber() == 0 ? r + 1 : (int) rec.getRecordNumber(),
                            name,
                            email,
                            role,
                            municipality,
                            body.isBlank() ? null : body,
                            address,
                            signerRole,
                            place,
                            problems));
        }
        return new Parsed(lines, null);
    }

    /**
     * An AGS, a Landkreis's key, or a name („Landkreis Fulda", „Märkischer Kreis", „Flensburg").
     */
    private Place place(String value) {
        if (value.matches("\\d{8}")) {
            return register.findByAgs(value)
                    .filter(Municipality::active)
                    .map(InvitationCsv::place)
                    .orElse(null);
        }
        if (value.isBlank()) {
            return null;
        }
        MunicipalityRegister.PlaceResolution r = register.resolvePlace(value);
        if (r.district().isPresent()) {
            return new Place(r.district().get().key(), r.district().get().displayName(), true);
        }
        return r.municipality().map(InvitationCsv::place).orElse(null);
    }

    private static Place place(Municipality m) {
        return new Place(m.ags(), m.displayName(), false);
    }

    private Set<String> confirmedAddresses(long appealId) {
        return signatures.confirmedAddresses(appealId);
    }

    private Set<String> invitedAddresses(long appealId) {
        return addresses("SELECT email_key FROM invitation WHERE appeal_id = ?", appealId);
    }

    private Set<String> addresses(String sql, long appealId) {
        return new HashSet<>(Sql.list(jdbc.getConnection(), sql, rs -> rs.getString(1), appealId));
    }

    private static String get(CSVRecord rec, int i) {
        return i < rec.size() ? rec.get(i).strip() : "";
    }
}
