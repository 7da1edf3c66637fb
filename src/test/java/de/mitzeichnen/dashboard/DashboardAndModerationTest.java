package de.mitzeichnen.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.counting.SupportRecount;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The appeal's dashboard, moderation that guides and the steps that ask twice, through the running
 * server.
 */
@MicronautTest(transactional = false)
class DashboardAndModerationTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject Db db;
    @Inject SupportRecount recount;

    URI base;
    Organiser org;
    Appeal appeal;
    Web web;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        org = fixtures.organiser("Stadt Übersicht");
        appeal =
                fixtures.appeal(
                        org,
                        "Übersicht im Blick",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2030-12-03T22:59:59Z"),
                        "Text");
        web = accounts.signedIn(base, accounts.organiser(org));
    }

    long insert(String ags, String name, String trust, String flag) {
        String email = "p-" + UUID.randomUUID() + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, trust_flag, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, 'CONFIRMED', ?, ?, ?, 'MAYOR', ?, true, 'v1', NOW(6), 'de', ?, ?, ?, 1, NOW(6),
                  NOW(6), NOW(6), NOW(6))""",
                appeal.id(),
                email,
                email,
                name,
                ags,
                "c".repeat(64),
                trust,
                flag);
        return db.count("SELECT MAX(id) FROM signature WHERE appeal_id = ?", appeal.id());
    }

    static String n(long value) {
        return NumberFormat.getIntegerInstance(Locale.GERMANY).format(value);
    }

    String tile(Web.Page page, int index) {
        return page.doc().select(".tiles .tile").get(index).selectFirst(".n").text();
    }

    @Test
    void theDashboardIsTheAppealsFirstPageAndItsFiguresMatchTheSignatures() {
        insert("06412000", "Petra Frankfurt", "OFFICIAL_DOMAIN", null);
        insert("06412000", "Paul Frankfurt", "INVITED", null);
        long munich = insert("09162000", "Maria München", "OFFICIAL_DOMAIN", null);
        insert("05315000", "Frieda Frei", "EMAIL_ONLY", "FREEMAIL");
        db.update("UPDATE appeal SET goal = 10 WHERE id = ?", appeal.id());
        db.update(
                "INSERT INTO invitation_settings (appeal_id, reminder_days) VALUES (?, '7,2')",
                appeal.id());
        recount.recount(appeal.id());

        Web.Page list = web.get("/verwaltung");
        assertNotNull(
                list.doc()
                        .selectFirst("a[href=/verwaltung/aufrufe/" + appeal.id() + "/uebersicht]"),
                list.body());

        String path = "/verwaltung/aufrufe/" + appeal.id() + "/uebersicht";
        Web.Page page = web.get(path);
        assertEquals(200, page.status(), page.body());
        // what the signatures say, counted straight from them: trusted, confirmed ones count
        // publicly
        long places =
                db.count(
                        "SELECT COUNT(DISTINCT municipality_ags) FROM signature WHERE appeal_id = ?"
                                + " AND status = 'CONFIRMED' AND trust <> 'EMAIL_ONLY'",
                        appeal.id());
        long signatures =
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ?"
                                + " AND status = 'CONFIRMED' AND trust <> 'EMAIL_ONLY'",
                        appeal.id());
        long inhabitants =
                db.count(
                        "SELECT SUM(population) FROM municipality WHERE ags IN"
                                + " (SELECT municipality_ags FROM signature WHERE appeal_id = ? AND status = 'CONFIRMED'"
                                + " AND trust <> 'EMAIL_ONLY')",
                        appeal.id());
        assertEquals(2, places);
        assertEquals(n(places), tile(page, 0));
        assertEquals(n(1), tile(page, 1), "one e-mail-only signature waits");
        assertEquals(n(signatures), tile(page, 2));
        assertEquals(n(inhabitants), tile(page, 3));
        assertTrue(
                page.text().contains("2 von 10 Kommunen und Landkreisen (Ziel) – 20 %"),
                page.text());
        assertNotNull(
                page.doc()
                        .selectFirst(
                                ".tile a[href=/verwaltung/aufrufe/" + appeal.id() + "/pruefen]"));
        assertTrue(page.text().contains("Unterschrift wartet auf Prüfung"), "singular for one");

        List<String> lands = page.doc().select("table.by-land tbody th").eachText();
        assertTrue(
                lands.contains("Hessen")
                        && lands.contains("Bayern")
                        && !lands.contains("Nordrhein-Westfalen"),
                lands.toString());
        Element hessen =
                page.doc().select("table.by-land tbody tr").stream()
                        .filter(r -> r.selectFirst("th").text().equals("Hessen"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(List.of("1", "0", "2"), hessen.select("td").eachText().subList(0, 3));
        assertNotNull(page.doc().selectFirst(".chart svg"), "timeline chart");
        assertNotNull(page.doc().selectFirst(".timeline-table table"), "timeline as a table");
        assertEquals(
                List.of("7 Tage vor der Frist", "2 Tage vor der Frist"),
                page.doc().select(".reminders li > span:first-child").eachText());
        assertEquals("0", page.doc().selectFirst(".funnel dd.invited").text());

        // a moderation action moves the figures and shows up under recent activity
        String signaturesPath = "/verwaltung/aufrufe/" + appeal.id() + "/unterschriften";
        assertEquals(
                303,
                web.postForm(
                                signaturesPath,
                                signaturesPath + "/" + munich,
                                Map.of("action", "REJECT", "reason", "Doppelt eingereicht"))
                        .status());
        Web.Page after = web.get(path);
        assertEquals(n(1), tile(after, 0));
        assertEquals(n(signatures - 1), tile(after, 2));
        assertEquals("Unterschrift abgelehnt", after.doc().selectFirst(".recent li strong").text());
        assertTrue(
                after.doc().selectFirst(".recent li").text().contains("Doppelt eingereicht"),
                after.doc().selectFirst(".recent li").text());
        assertEquals(
                403,
                accounts.signedIn(base, accounts.organiser(fixtures.organiser("Stadt Fremd")))
                        .get(path)
                        .status());
    }

    @Test
    void moderationOffersOnlyFittingActionsNothingPreselectedAndSaysWhatChanged() {
        long confirmed = insert("06412000", "Otto Amt", "EMAIL_ONLY", null);
        long rejected = insert("09162000", "Rita Raus", "EMAIL_ONLY", "FREEMAIL");
        db.update("UPDATE signature SET status = 'REJECTED' WHERE id = ?", rejected);
        recount.recount(appeal.id());
        String list = "/verwaltung/aufrufe/" + appeal.id() + "/unterschriften";
        Web.Page page = web.get(list);
        assertEquals(200, page.status());

        Element confirmedRow = page.doc().selectFirst("tr[data-status=CONFIRMED]");
        assertEquals(
                List.of("", "VERIFY", "REJECT"),
                confirmedRow.select("select[name=action] option").eachAttr("value"));
        assertEquals(
                "Aktion wählen …",
                confirmedRow.selectFirst("select[name=action] option[selected]").text());
        Element rejectedRow = page.doc().selectFirst("tr[data-status=REJECTED]");
        assertEquals(
                List.of("", "RESTORE"),
                rejectedRow.select("select[name=action] option").eachAttr("value"));
        assertEquals("abgelehnt", rejectedRow.selectFirst(".status-word").text());
        // the Land filter names the Länder
        assertTrue(page.doc().select("select[name=land] option").eachText().contains("Hessen"));
        assertEquals(
                "06",
                page.doc().select("select[name=land] option").stream()
                        .filter(o -> o.text().equals("Hessen"))
                        .findFirst()
                        .orElseThrow()
                        .val());
        assertEquals(
                1, web.get(list + "?land=09").doc().select("table.signature-list tbody tr").size());

        // a reason but no action: an error summary, nothing changes
        Web.Page noAction =
                web.postForm(list, list + "/" + confirmed, Map.of("action", "", "reason", "Anruf"));
        assertEquals(422, noAction.status());
        Element summary = noAction.doc().selectFirst(".error-summary");
        assertNotNull(summary, noAction.body());
        assertEquals("#action-" + confirmed, summary.selectFirst("a").attr("href"));
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE id = ?", confirmed).get("status"));

        Web.Page verified =
                web.postForm(
                        list,
                        list + "/" + confirmed,
                        Map.of("action", "VERIFY", "reason", "Anruf"));
        assertEquals(303, verified.status());
        assertTrue(
                verified.header("Location").endsWith("?done=verified&n=1"),
                verified.header("Location"));
        assertEquals(
                "1 Unterschrift als geprüft markiert und im Protokoll vermerkt.",
                web.get(verified.header("Location")).doc().selectFirst(".notice.done").text());

        // bulk: the count first, on a page of its own; nothing changes before the confirmation
        Web.Page ask =
                web.postForm(
                        list,
                        list + "/alle",
                        Map.of("action", "REJECT", "reason", "Keine Amtsperson"));
        assertEquals(200, ask.status());
        assertTrue(
                ask.text().contains("1 Unterschrift wird abgelehnt und nicht mehr gezählt."),
                ask.text());
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE id = ?", confirmed).get("status"));
        Web.Page bulk =
                web.postWithToken(
                        Web.csrf(ask),
                        list + "/alle",
                        Map.of("action", "REJECT", "reason", "Keine Amtsperson", "confirm", "yes"));
        assertEquals(303, bulk.status());
        assertEquals(
                "REJECTED",
                db.row("SELECT status FROM signature WHERE id = ?", confirmed).get("status"));
        assertEquals(
                "1 Unterschrift abgelehnt und im Protokoll vermerkt.",
                web.get(bulk.header("Location")).doc().selectFirst(".notice.done").text());
        Web.Page bulkNone = web.postForm(list, list + "/alle", Map.of("reason", "x"));
        assertEquals(422, bulkNone.status());
        assertEquals("#bulk-action", bulkNone.doc().selectFirst(".error-summary a").attr("href"));

        // the verification queue asks how (nothing pre-selected) and says what it did
        long queued = insert("05315000", "Konrad Köln", "EMAIL_ONLY", "FREEMAIL");
        recount.recount(appeal.id());
        String queue = "/verwaltung/aufrufe/" + appeal.id() + "/pruefen";
        Web.Page queuePage = web.get(queue);
        assertEquals("", queuePage.doc().selectFirst("select[name=method] option[selected]").val());
        Web.Page decided =
                web.postForm(
                        queue, queue + "/" + queued, Map.of("action", "VERIFY", "method", "PHONE"));
        assertEquals(303, decided.status());
        assertEquals(
                "1 Unterschrift als geprüft markiert und im Protokoll vermerkt.",
                web.get(decided.header("Location")).doc().selectFirst(".notice.done").text());
    }

    @Test
    void publishCloseAndArchiveAskTwiceAndAnEarlyCloseKeepsTheDeadline() {
        Instant deadline = Instant.parse("2030-12-03T22:59:59Z");
        Appeal draft =
                fixtures.appeal(
                        org,
                        "Zweimal fragen",
                        AppealStatus.DRAFT,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        deadline,
                        "Text");
        String edit = "/verwaltung/aufrufe/" + draft.id();
        Map<String, String> version = Map.of("version", "0");

        Web.Page ask = web.postForm(edit, edit + "/veroeffentlichen", version);
        assertEquals(200, ask.status());
        assertTrue(ask.text().contains("Aufruf veröffentlichen?"), ask.text());
        assertTrue(ask.text().contains("/aufrufe/" + draft.slug()));
        assertEquals("DRAFT", status(draft));
        assertEquals(
                "0",
                ask.doc().selectFirst("input[name=version]").val(),
                "the version seen travels on");
        assertEquals(
                409,
                web.postWithToken(
                                Web.csrf(ask),
                                edit + "/veroeffentlichen",
                                Map.of("version", "7", "confirm", "yes"))
                        .status(),
                "a stale version is a conflict");
        assertEquals("DRAFT", status(draft));
        Web.Page shown = web.get(edit + "/veroeffentlichen");
        assertEquals(200, shown.status());
        assertEquals("DRAFT", status(draft));
        Web.Page published =
                web.postWithToken(
                        Web.csrf(shown),
                        edit + "/veroeffentlichen",
                        Map.of("version", "0", "confirm", "yes"));
        assertEquals(303, published.status());
        assertEquals("OPEN", status(draft));

        String v =
                db.row("SELECT version FROM appeal WHERE id = ?", draft.id())
                        .get("version")
                        .toString();
        Web.Page askClose = web.postForm(edit, edit + "/schliessen", Map.of("version", v));
        assertEquals(200, askClose.status());
        assertTrue(askClose.text().contains("Aufruf vorzeitig beenden?"), askClose.text());
        assertTrue(
                askClose.text().contains("3. Dezember 2030"),
                "names the deadline: " + askClose.text());
        assertEquals("OPEN", status(draft));
        assertEquals(
                303,
                web.postWithToken(
                                Web.csrf(askClose),
                                edit + "/schliessen",
                                Map.of("version", v, "confirm", "yes"))
                        .status());
        Map<String, Object> closed =
                db.row(
                        "SELECT status, CAST(deadline AS CHAR) AS d, closed_early_at"
                                + " FROM appeal WHERE id = ?",
                        draft.id());
        assertEquals("CLOSED", closed.get("status"));
        assertEquals("2030-12-03 22:59:59.000000", closed.get("d"), "the deadline stays on record");
        assertNotNull(closed.get("closed_early_at"));

        Web.Page publicPage = new Web(base).get("/aufrufe/" + draft.slug());
        assertTrue(publicPage.text().contains("Vorzeitig beendet am"), publicPage.text());
        assertTrue(
                publicPage.text().contains("Ursprüngliche Frist: 3. Dezember 2030"),
                publicPage.text());
        assertFalse(publicPage.text().contains("Die Frist ist abgelaufen"));
        assertNull(publicPage.doc().selectFirst("form[action*=unterzeichnen]"));
        Web.Page english = new Web(base).get("/aufrufe/" + draft.slug() + "?lang=en");
        assertTrue(english.text().contains("Closed early on"), english.text());

        v = db.row("SELECT version FROM appeal WHERE id = ?", draft.id()).get("version").toString();
        Web.Page askArchive = web.postForm(edit, edit + "/archivieren", Map.of("version", v));
        assertEquals(200, askArchive.status());
        assertEquals("CLOSED", status(draft));
        assertEquals(
                303,
                web.postWithToken(
                                Web.csrf(askArchive),
                                edit + "/archivieren",
                                Map.of("version", v, "confirm", "yes"))
                        .status());
        assertEquals("ARCHIVED", status(draft));
        List<Object> actions =
                db
                        .rows(
                                "SELECT action FROM audit_entry WHERE appeal_id = ? ORDER BY id",
                                draft.id())
                        .stream()
                        .map(r -> r.get("action"))
                        .toList();
        assertEquals(List.of("APPEAL_PUBLISHED", "APPEAL_CLOSED", "APPEAL_ARCHIVED"), actions);
    }

    String status(Appeal a) {
        return db.row("SELECT status FROM appeal WHERE id = ?", a.id()).get("status").toString();
    }
}
