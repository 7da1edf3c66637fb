package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SignatureStatus.ANONYMISED;
import static de.mitzeichnen.signing.SignatureStatus.CONFIRMED;
import static de.mitzeichnen.signing.SignatureStatus.PENDING;
import static de.mitzeichnen.signing.SignatureStatus.REJECTED;
import static de.mitzeichnen.signing.SignatureStatus.SUSPECTED;
import static de.mitzeichnen.signing.SignatureStatus.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks the whole transition table: from every starting point, every transition is tried through
 * the way it is reached in the application — the public sign form, the confirmation and withdrawal
 * links, the organiser's console (moderation list, „Auffällig", replies) — and, where no route
 * exists (HOLD is what the sign form does beyond a rate limit, SUSPECT, ANONYMISE by the retention
 * job), through the service. An allowed change must happen, every other one must change nothing;
 * either way the public numbers must agree with a recount afterwards.
 */
@MicronautTest(transactional = false)
class TransitionTableTest {

    /** Where a signature starts: its status, and whether it was ever confirmed. */
    enum Start {
        NONE(null, false),
        PENDING_(PENDING, false),
        CONFIRMED_(CONFIRMED, true),
        SUSPECTED_(SUSPECTED, true),
        /** Held back by a rate limit: suspected, never confirmed, never mailed. */
        HELD(SUSPECTED, false),
        WITHDRAWN_(WITHDRAWN, true),
        REJECTED_(REJECTED, true),
        REJECTED_UNCONFIRMED(REJECTED, false),
        ANONYMISED_(ANONYMISED, false);

        final SignatureStatus status;
        final boolean confirmed;

        Start(SignatureStatus status, boolean confirmed) {
            this.status = status;
            this.confirmed = confirmed;
        }
    }

    /** The table, written out: where each allowed change leads. Anything missing is refused. */
    static final Map<Transition, Map<Start, SignatureStatus>> EXPECTED =
            new EnumMap<>(Transition.class);

    static {
        EXPECTED.put(Transition.SUBMIT, Map.of(Start.NONE, PENDING));
        EXPECTED.put(Transition.RECORD, Map.of(Start.NONE, CONFIRMED));
        EXPECTED.put(Transition.HOLD, Map.of(Start.NONE, SUSPECTED));
        EXPECTED.put(Transition.RESUBMIT, Map.of(Start.PENDING_, PENDING));
        EXPECTED.put(Transition.CONFIRM, Map.of(Start.PENDING_, CONFIRMED));
        EXPECTED.put(
                Transition.WITHDRAW,
                Map.of(
                        Start.CONFIRMED_,
                        WITHDRAWN,
                        Start.SUSPECTED_,
                        WITHDRAWN,
                        Start.HELD,
                        WITHDRAWN));
        EXPECTED.put(
                Transition.VERIFY,
                Map.of(
                        Start.PENDING_, CONFIRMED,
                        Start.CONFIRMED_, CONFIRMED,
                        Start.SUSPECTED_, CONFIRMED,
                        Start.HELD, CONFIRMED));
        EXPECTED.put(
                Transition.REJECT,
                Map.of(
                        Start.PENDING_, REJECTED,
                        Start.CONFIRMED_, REJECTED,
                        Start.SUSPECTED_, REJECTED,
                        Start.HELD, REJECTED));
        EXPECTED.put(
                Transition.RESTORE,
                Map.of(Start.REJECTED_, CONFIRMED, Start.REJECTED_UNCONFIRMED, PENDING));
        EXPECTED.put(Transition.SUSPECT, Map.of(Start.CONFIRMED_, SUSPECTED));
        EXPECTED.put(Transition.CLEAR, Map.of(Start.SUSPECTED_, CONFIRMED, Start.HELD, PENDING));
        // a confirmed (or confirmed, then suspected) one keeps its status, so the counts stay true
        EXPECTED.put(
                Transition.ANONYMISE,
                Map.of(
                        Start.PENDING_, ANONYMISED,
                        Start.CONFIRMED_, CONFIRMED,
                        Start.SUSPECTED_, SUSPECTED,
                        Start.HELD, ANONYMISED,
                        Start.WITHDRAWN_, ANONYMISED,
                        Start.REJECTED_, ANONYMISED,
                        Start.REJECTED_UNCONFIRMED, ANONYMISED));
    }

    /** Transitions started by an address (a form), not by a signature's id or link. */
    static final Set<Transition> BY_ADDRESS =
            Set.of(Transition.SUBMIT, Transition.RESUBMIT, Transition.HOLD, Transition.RECORD);

    /** What may change on a refused submission: the „already signed" mail is counted. */
    static final Set<String> BOOKKEEPING = Set.of("mails_sent", "updated_at", "version");

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject SupportRecount recount;
    @Inject Signatures signatures;
    @Inject SubmitTransaction submissions;

    @Test
    void theTableIsWhatTheTestSaysEveryStartAndEveryTransition() {
        for (Transition t : Transition.values()) {
            for (Start s : Start.values()) {
                SignatureStatus expected = EXPECTED.get(t).get(s);
                assertEquals(expected != null, t.allowedFrom(s.status), t + " from " + s);
                if (expected != null) {
                    assertEquals(expected, t.target(s.status, s.confirmed), t + " from " + s);
                }
            }
        }
    }

    @Test
    void everyAllowedChangeWorksAndEveryOtherIsRefused() {
        URI base = URI.create(server.getURL().toString());
        Organiser org = fixtures.organiser("Stadt Tabelle");
        Web organiser = accounts.signedIn(base, accounts.organiser(org));
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (Transition t : Transition.values()) {
            for (Start s : Start.values()) {
                if (unreachable(t, s)) {
                    continue;
                }
                Cell cell = new Cell(t, s, org, organiser, new Web(base));
                tried++;
                String problem = cell.run();
                if (problem != null) {
                    wrong.add(t + " from " + s + ": " + problem);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // every cell but those of RESUBMIT (the sign form's, walked with SUBMIT) and WITHDRAW from
        // HELD
        assertEquals((Transition.values().length - 1) * Start.values().length - 1, tried);
    }

    static boolean unreachable(Transition t, Start s) {
        // The sign form is the one way to SUBMIT and to RESUBMIT: the SUBMIT cells try it from
        // every start and expect whichever of the two the table allows there.
        // A held submission was never mailed: there is no withdrawal link to press, though the
        // table allows WITHDRAW from SUSPECTED (for a confirmed one the organiser suspects).
        return t == Transition.RESUBMIT || t == Transition.WITHDRAW && s == Start.HELD;
    }

    /** What the transition leads to from the start, or null where the table refuses it. */
    static SignatureStatus expected(Transition t, Start s) {
        SignatureStatus to = EXPECTED.get(t).get(s);
        return to == null && t == Transition.SUBMIT ? EXPECTED.get(Transition.RESUBMIT).get(s) : to;
    }

    /** One transition tried from one starting point, on an appeal of its own. */
    final class Cell {
        final Transition transition;
        final Start start;
        final Web organiser;
        final Web visitor;
        final Appeal appeal;
        final String email = Fixtures.unique("tabelle").toLowerCase() + "@example.org";
        final String confirmToken = Tokens.newToken();
        final String withdrawToken = Tokens.newToken();
        final Long id;

        Cell(Transition transition, Start start, Organiser org, Web organiser, Web visitor) {
            this.transition = transition;
            this.start = start;
            this.organiser = organiser;
            this.visitor = visitor;
            this.appeal =
                    fixtures.appeal(
                            org,
                            // short words: the home page lists open appeals, also at 320 px
                            "Tabelle "
                                    + transition.name().toLowerCase()
                                    + " ab "
                                    + start.name().toLowerCase().replace('_', ' ').strip(),
                            AppealStatus.OPEN,
                            Instant.parse("2025-11-01T00:00:00Z"),
                            Instant.parse("2030-12-03T22:59:59Z"),
                            "Text");
            this.id = start == Start.NONE ? null : insert();
            // rows put in by hand reach the aggregate through the recount
            recount.recount(appeal.id());
        }

        /** Applies the transition; returns what went wrong, or null. */
        String run() {
            Map<String, Object> before = id == null ? null : row();
            long rows = count();
            Start from = start;
            if (BY_ADDRESS.contains(transition)
                    && (start == Start.WITHDRAWN_ || start == Start.ANONYMISED_)) {
                // the address is erased with the personal data: it has no signature any more
                from = Start.NONE;
            }
            act();
            SignatureStatus expected = expected(transition, from);
            List<String> problems = new ArrayList<>();
            if (expected == null) {
                if (count() != rows) {
                    problems.add("a signature was added");
                }
                if (before != null
                        && !withoutBookkeeping(before).equals(withoutBookkeeping(row()))) {
                    problems.add("changed: " + before + " -> " + row());
                }
            } else if (BY_ADDRESS.contains(transition) && from == Start.NONE) {
                if (count() != rows + 1) {
                    problems.add("no new signature");
                } else {
                    Object status =
                            db.row(
                                            "SELECT status FROM signature WHERE appeal_id = ? AND email_key = ?",
                                            appeal.id(),
                                            email)
                                    .get("status");
                    if (!expected.name().equals(status)) {
                        problems.add("new signature is " + status + ", not " + expected);
                    }
                }
                if (before != null && !before.equals(row())) {
                    problems.add("the erased signature changed");
                }
            } else {
                Map<String, Object> after = row();
                if (!expected.name().equals(after.get("status"))) {
                    problems.add("is " + after.get("status") + ", not " + expected);
                }
                if (withoutBookkeeping(before).equals(withoutBookkeeping(after))) {
                    problems.add("nothing changed");
                }
                if (count() != rows) {
                    problems.add("a signature was added");
                }
            }
            if (recount.recount(appeal.id())) {
                problems.add("the public numbers did not follow");
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }

        void act() {
            String console = "/verwaltung/aufrufe/" + appeal.id();
            long sid = id == null ? Long.MAX_VALUE : id;
            switch (transition) {
                case SUBMIT, RESUBMIT -> {
                    // the same form for both: the table decides which one happens
                    Map<String, String> form = SigningTestSupport.validForm(email);
                    form.put("name", "Neu Name");
                    assertEquals(
                            303,
                            SigningTestSupport.sign(visitor, appeal.slug(), form).status(),
                            "the sign form answers the same whatever happened");
                }
                case HOLD ->
                        submissions.hold(
                                appeal,
                                new SignatureRequest(
                                        "Neu Name",
                                        SignerRole.MAYOR,
                                        "",
                                        "",
                                        new SignTarget.Municipality("06412000", null),
                                        EmailAddress.parse(email).orElseThrow(),
                                        true,
                                        false),
                                Locale.GERMAN,
                                Tokens.hash(Tokens.newToken()));
                case RECORD -> {
                    String path = console + "/rueckmeldungen";
                    Map<String, String> f = new LinkedHashMap<>();
                    f.put("name", "Neu Name");
                    f.put("role", "MAYOR");
                    f.put("roleOther", "");
                    f.put("body", "");
                    f.put("municipality", "06412000");
                    f.put("email", email);
                    f.put("publicName", "on");
                    f.put("method", "COUNCIL_RESOLUTION");
                    f.put("evidenceDate", "2025-11-03");
                    f.put("note", "Beschluss");
                    organiser.postMultipart(
                            Web.csrf(organiser.get(path)),
                            path,
                            f,
                            "file",
                            "",
                            "application/octet-stream",
                            new byte[0]);
                }
                case CONFIRM ->
                        SigningTestSupport.pressButton(
                                visitor,
                                "/bestaetigen/"
                                        + (hasConfirmLink() ? confirmToken : Tokens.newToken()));
                case WITHDRAW ->
                        SigningTestSupport.pressButton(
                                visitor,
                                "/zurueckziehen/"
                                        + (hasWithdrawLink() ? withdrawToken : Tokens.newToken()));
                case VERIFY, REJECT, RESTORE -> {
                    String list = console + "/unterschriften";
                    int status =
                            organiser
                                    .postForm(
                                            list,
                                            list + "/" + sid,
                                            Map.of(
                                                    "action",
                                                    transition.name(),
                                                    "reason",
                                                    "Geprüft"))
                                    .status();
                    assertEquals(303, status, transition + " from " + start);
                }
                case CLEAR -> {
                    String trending = console + "/auffaellig";
                    int status =
                            organiser
                                    .postForm(
                                            trending,
                                            trending + "/" + sid,
                                            Map.of("action", "CLEAR", "reason", "Geprüft"))
                                    .status();
                    assertEquals(303, status, transition + " from " + start);
                }
                case SUSPECT -> signatures.suspect(appeal.id(), sid, "test", "Prüfung");
                case ANONYMISE -> signatures.anonymise(appeal.id(), sid, "test", "Aufbewahrung");
            }
        }

        boolean hasConfirmLink() {
            // erasing takes the confirmation link, withdrawing keeps its own
            return start != Start.NONE && start != Start.WITHDRAWN_ && start != Start.ANONYMISED_;
        }

        boolean hasWithdrawLink() {
            return start.confirmed;
        }

        /** A signature in the starting state, as the application leaves one there. */
        long insert() {
            boolean erased = start == Start.WITHDRAWN_ || start == Start.ANONYMISED_;
            db.update(
                    """
                    INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags,
                      public_name, privacy_version, privacy_consent_at, language, appeal_text_hash, trust,
                      confirm_token_hash, confirm_expires_at, withdraw_token_hash, mails_sent, submitted_at,
                      confirmed_at, withdrawn_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'MAYOR', '06412000', ?, 'v1', NOW(6), 'de', ?, ?, ?, ?, ?, 1, NOW(6),
                      ?, ?, NOW(6), NOW(6))""",
                    appeal.id(),
                    start.status.name(),
                    erased ? null : email,
                    erased ? null : email,
                    erased ? null : "Alt Name",
                    !erased,
                    "c".repeat(64),
                    start.confirmed ? "EMAIL_ONLY" : null,
                    hasConfirmLink() ? Tokens.hash(confirmToken) : null,
                    hasConfirmLink() ? "2030-06-01 00:00:00" : null,
                    hasWithdrawLink() ? Tokens.hash(withdrawToken) : null,
                    start.confirmed ? "2025-11-02 10:00:00" : null,
                    start == Start.WITHDRAWN_ ? "2025-11-03 10:00:00" : null);
            return db.count("SELECT MAX(id) FROM signature WHERE appeal_id = ?", appeal.id());
        }

        Map<String, Object> row() {
            return db.row("SELECT * FROM signature WHERE id = ?", id);
        }

        long count() {
            return db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id());
        }
    }

    static Map<String, Object> withoutBookkeeping(Map<String, Object> row) {
        Map<String, Object> out = new HashMap<>(row);
        out.keySet().removeAll(BOOKKEEPING);
        return out;
    }
}
