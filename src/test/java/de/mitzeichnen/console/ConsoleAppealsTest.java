package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.AppealText;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ConsoleAppealsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    URI base;
    Organiser city;
    Web web;
    Account account;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        clock.set(Instant.parse("2026-02-01T10:00:00Z"));
        city = fixtures.organiser("Stadt Konsole");
        account = accounts.organiser(city);
        web = accounts.signedIn(base, account);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static Map<String, Object> validForm(String slug) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", "Kommunen entlasten");
        f.put("slug", slug);
        f.put("addressee", "an die Bundesregierung");
        f.put("bodyMarkdown", "### Wir fordern\n\n- **Geld** für Kommunen");
        f.put("contactEmail", "kontakt@stadt.example");
        f.put("opensDate", "2026-02-02");
        f.put("opensTime", "09:00");
        f.put("deadlineDate", "2026-03-29");
        f.put("deadlineTime", "23:59");
        f.put("graceHours", "24");
        f.put("roles", List.of("MAYOR", "COUNCILLOR"));
        f.put("publishNames", "on");
        f.put("goal", "100");
        f.put("action", "save");
        return f;
    }

    private long create(String slug) {
        Web.Page page =
                web.postForm("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", validForm(slug));
        assertEquals(303, page.status(), page.text());
        return db.count("SELECT id FROM appeal WHERE slug = ?", slug);
    }

    /**
     * After the test clock jumps further than the idle timeout, the session has ended: sign in
     * anew.
     */
    private void signInAgain() {
        web = accounts.signedIn(base, account);
    }

    private Web.Page post(String pagePath, String action, Map<String, ?> form) {
        return web.postForm(pagePath, action, form);
    }

    private Web.Page transition(long id, String what) {
        Web.Page edit = web.get("/verwaltung/aufrufe/" + id);
        String version =
                edit.doc().selectFirst("form[action*=" + what + "] input[name=version]").val();
        return web.postWithToken(
                Web.csrf(edit),
                "/verwaltung/aufrufe/" + id + "/" + what,
                Map.of("version", version, "confirm", "yes"));
    }

    private Map<String, Object> formOf(long id) {
        Document doc = web.get("/verwaltung/aufrufe/" + id).doc();
        Map<String, Object> f = new LinkedHashMap<>();
        doc.select(
                        "form.stack input[type=text], form.stack input[type=email], form.stack input[type=date], "
                                + "form.stack input[type=time], form.stack input[type=number], form.stack input[type=hidden]")
                .forEach(i -> f.put(i.attr("name"), i.val()));
        doc.select("form.stack textarea").forEach(t -> f.put(t.attr("name"), t.val()));
        f.put("roles", doc.select("form.stack input[name=roles][checked]").eachAttr("value"));
        if (doc.selectFirst("form.stack input[name=publishNames][checked]") != null) {
            f.put("publishNames", "on");
        }
        f.remove("csrfToken");
        f.put("action", "save");
        return f;
    }

    @Test
    void createsADraftWithVersionOneAndAnAuditEntry() {
        String slug = Fixtures.unique("entlasten").toLowerCase();
        Web.Page created =
                web.postForm("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", validForm(slug));
        assertEquals(303, created.status(), created.text());
        Map<String, Object> row = db.row("SELECT * FROM appeal WHERE slug = ?", slug);
        assertEquals("DRAFT", row.get("status"));
        assertEquals(city.id(), ((Number) row.get("organiser_id")).longValue());
        assertEquals("MAYOR,COUNCILLOR", row.get("allowed_roles"));
        assertEquals(86_400, ((Number) row.get("grace_seconds")).intValue());
        assertEquals(100, ((Number) row.get("goal")).intValue());
        long id = ((Number) row.get("id")).longValue();
        assertEquals("/verwaltung/aufrufe/" + id + "?ok=created", created.header("Location"));
        Map<String, Object> v1 = db.row("SELECT * FROM appeal_version WHERE appeal_id = ?", id);
        assertEquals(1, ((Number) v1.get("version_no")).intValue());
        assertEquals(
                AppealText.hash(
                        "Kommunen entlasten",
                        "an die Bundesregierung",
                        "### Wir fordern\n\n- **Geld** für Kommunen"),
                v1.get("text_hash"));
        assertEquals(account.id(), ((Number) v1.get("created_by_account_id")).longValue());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'APPEAL_CREATED'"
                                + " AND account_id = ? AND organiser_id = ?",
                        id,
                        account.id(),
                        city.id()));

        Web.Page edit = web.get(created.header("Location"));
        assertTrue(edit.text().contains("Der Aufruf wurde als Entwurf angelegt."), edit.text());
        assertEquals("Entwurf", edit.doc().selectFirst(".status-panel .status").text());
        assertTrue(web.get("/verwaltung").text().contains("Kommunen entlasten"));
        assertEquals(404, web.get("/aufrufe/" + slug).status(), "a draft is not public");
    }

    @Test
    void badInputIsShownAgainWithAMessagePerFieldAndNothingIsStored() {
        Map<String, Object> bad = validForm("Falsch Slug!");
        bad.put("title", "  ");
        bad.put("contactEmail", "keine-adresse");
        bad.put("graceHours", "-3");
        bad.put("goal", "0");
        bad.put("roles", List.of());
        bad.put("deadlineDate", "2026-01-01");
        bad.put("bodyMarkdown", "Text bleibt **erhalten**");
        Web.Page page = post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", bad);
        assertEquals(422, page.status());
        Document doc = page.doc();
        assertEquals("Bitte füllen Sie dieses Feld aus.", doc.selectFirst("#title-error").text());
        assertTrue(doc.selectFirst("#slug-error").text().startsWith("Nur Kleinbuchstaben a–z"));
        assertTrue(
                doc.selectFirst("#contactEmail-error").text().contains("gültige E-Mail-Adresse"));
        assertEquals(
                "Bitte geben Sie eine Zahl von 0 bis 720 ein.",
                doc.selectFirst("#graceHours-error").text());
        assertEquals(
                "Bitte geben Sie eine Zahl von 1 bis 100000 ein.",
                doc.selectFirst("#goal-error").text());
        assertEquals(
                "Bitte wählen Sie mindestens eine Funktion.",
                doc.selectFirst("#roles-error").text());
        assertEquals(
                "Die Frist muss nach dem Beginn liegen.",
                doc.selectFirst("#deadline-error").text());
        // Values kept as typed.
        assertEquals("Falsch Slug!", doc.selectFirst("input[name=slug]").val());
        assertEquals("keine-adresse", doc.selectFirst("input[name=contactEmail]").val());
        assertEquals(
                "Text bleibt **erhalten**", doc.selectFirst("textarea[name=bodyMarkdown]").val());
        assertEquals("-3", doc.selectFirst("input[name=graceHours]").val());
        assertEquals(0, db.count("SELECT COUNT(*) FROM appeal WHERE slug = 'Falsch Slug!'"));

        Web.Page en = post("/verwaltung/aufrufe/neu?lang=en", "/verwaltung/aufrufe/neu", bad);
        assertEquals("Please fill in this field.", en.doc().selectFirst("#title-error").text());
    }

    @Test
    void slugsAreUnique() {
        String slug = Fixtures.unique("einmalig").toLowerCase();
        create(slug);
        Map<String, Object> again = validForm(slug);
        again.put("title", "Zweiter Versuch");
        Web.Page page = post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", again);
        assertEquals(422, page.status());
        assertEquals(
                "Diese Adresse ist schon vergeben. Bitte wählen Sie eine andere.",
                page.doc().selectFirst("#slug-error").text());
        assertEquals("Zweiter Versuch", page.doc().selectFirst("input[name=title]").val());
        assertEquals(1, db.count("SELECT COUNT(*) FROM appeal WHERE slug = ?", slug));
    }

    @Test
    void deadlinesAreBerlinTimeAcrossTheClockChanges() {
        String winter = Fixtures.unique("winter").toLowerCase();
        Map<String, Object> f = validForm(winter);
        f.put("deadlineDate", "2026-03-28");
        f.put("deadlineTime", "23:59");
        assertEquals(303, post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f).status());
        assertEquals(
                "2026-03-28 22:59:00.000000",
                db.row("SELECT CAST(deadline AS CHAR) AS d FROM appeal WHERE slug = ?", winter)
                        .get("d"));

        String summer = Fixtures.unique("sommer").toLowerCase();
        f = validForm(summer);
        f.put("deadlineDate", "29.03.2026");
        f.put("deadlineTime", "23:59");
        assertEquals(303, post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f).status());
        assertEquals(
                "2026-03-29 21:59:00.000000",
                db.row("SELECT CAST(deadline AS CHAR) AS d FROM appeal WHERE slug = ?", summer)
                        .get("d"));
        long id = db.count("SELECT id FROM appeal WHERE slug = ?", summer);
        Document edit = web.get("/verwaltung/aufrufe/" + id).doc();
        assertEquals("2026-03-29", edit.selectFirst("input[name=deadlineDate]").val());
        assertEquals("23:59", edit.selectFirst("input[name=deadlineTime]").val());

        String gap = Fixtures.unique("luecke").toLowerCase();
        f = validForm(gap);
        f.put("deadlineTime", "02:30");
        Web.Page skipped = post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f);
        assertEquals(422, skipped.status());
        assertTrue(
                skipped.doc()
                        .selectFirst("#deadline-error")
                        .text()
                        .contains("02:30 Uhr) gibt es an diesem Tag nicht"));

        f = validForm(gap);
        f.put("deadlineDate", "2026-10-25");
        f.put("deadlineTime", "02:30");
        Web.Page twice = post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f);
        assertEquals(422, twice.status());
        assertTrue(
                twice.doc()
                        .selectFirst("#deadline-error")
                        .text()
                        .contains("gibt es an diesem Tag zweimal"));

        f = validForm(gap);
        f.put("deadlineDate", "2026-02-30");
        assertEquals(
                "Bitte geben Sie ein gültiges Datum an, z. B. 31.12.2026.",
                post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f)
                        .doc()
                        .selectFirst("#deadline-error")
                        .text());
        f.put("deadlineDate", "2026-04-01");
        f.put("deadlineTime", "25:00");
        assertTrue(
                post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f)
                        .doc()
                        .selectFirst("#deadline-error")
                        .text()
                        .contains("gültige Uhrzeit"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM appeal WHERE slug = ?", gap));
    }

    @Test
    void thePreviewRendersTheMarkdownWithoutSaving() {
        String slug = Fixtures.unique("vorschau").toLowerCase();
        Map<String, Object> f = validForm(slug);
        f.put("action", "preview");
        f.put("bodyMarkdown", "### Forderung\n\n<script>alert(1)</script>\n\nGanz **fett**");
        Web.Page page = post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", f);
        assertEquals(200, page.status());
        assertNotNull(page.doc().selectFirst(".preview"), page.body());
        assertEquals("Forderung", page.doc().selectFirst(".preview .appeal-text h2").text());
        assertEquals("fett", page.doc().selectFirst(".preview .appeal-text strong").text());
        assertTrue(page.doc().select(".preview script").isEmpty());
        assertEquals(0, db.count("SELECT COUNT(*) FROM appeal WHERE slug = ?", slug));
    }

    @Test
    void publishCloseAndArchiveWithMessagesForWhatIsNotPossible() {
        String slug = Fixtures.unique("lebenslauf").toLowerCase();
        long id = create(slug);
        Web.Page archiveDraft =
                web.postWithToken(
                        Web.csrf(web.get("/verwaltung/aufrufe/" + id)),
                        "/verwaltung/aufrufe/" + id + "/archivieren",
                        Map.of("version", "0", "confirm", "yes"));
        assertEquals(409, archiveDraft.status());
        assertTrue(
                archiveDraft.text().contains("Nur ein beendeter Aufruf kann archiviert werden."),
                archiveDraft.text());

        Web.Page published = transition(id, "veroeffentlichen");
        assertEquals(303, published.status());
        assertEquals("OPEN", db.row("SELECT status FROM appeal WHERE id = ?", id).get("status"));
        assertTrue(
                web.get(published.header("Location"))
                        .text()
                        .contains("Der Aufruf ist veröffentlicht."));
        assertEquals(200, new Web(base).get("/aufrufe/" + slug).status());

        Web.Page again =
                web.postWithToken(
                        Web.csrf(web.get("/verwaltung/aufrufe/" + id)),
                        "/verwaltung/aufrufe/" + id + "/veroeffentlichen",
                        Map.of(
                                "version",
                                db.row("SELECT version FROM appeal WHERE id = ?", id)
                                        .get("version")
                                        .toString(),
                                "confirm",
                                "yes"));
        assertEquals(409, again.status());
        assertTrue(again.text().contains("Nur ein Entwurf kann veröffentlicht werden."));

        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        signInAgain();
        assertEquals(303, transition(id, "schliessen").status());
        Map<String, Object> closed =
                db.row(
                        "SELECT status, CAST(closed_early_at AS CHAR) AS d FROM appeal WHERE id = ?",
                        id);
        assertEquals("CLOSED", closed.get("status"));
        assertEquals(
                "2026-03-01 12:00:00.000000",
                closed.get("d"),
                "closing early ends the signing now");
        assertTrue(new Web(base).get("/aufrufe/" + slug).text().contains("Vorzeitig beendet am"));

        assertEquals(303, transition(id, "archivieren").status());
        assertEquals(
                "ARCHIVED", db.row("SELECT status FROM appeal WHERE id = ?", id).get("status"));
        Web.Page archived = web.get("/verwaltung/aufrufe/" + id);
        assertTrue(archived.text().contains("archiviert und kann nicht mehr geändert werden"));
        assertNull(archived.doc().selectFirst("form.stack"));

        List<Object> actions =
                db
                        .rows("SELECT action FROM audit_entry WHERE appeal_id = ? ORDER BY id", id)
                        .stream()
                        .map(r -> r.get("action"))
                        .toList();
        assertEquals(
                List.of("APPEAL_CREATED", "APPEAL_PUBLISHED", "APPEAL_CLOSED", "APPEAL_ARCHIVED"),
                actions);
    }

    @Test
    void aDeadlineInThePastCannotBePublished() {
        long id = create(Fixtures.unique("zuspaet").toLowerCase());
        clock.set(Instant.parse("2026-04-01T00:00:00Z"));
        signInAgain();
        Web.Page page = transition(id, "veroeffentlichen");
        assertEquals(409, page.status());
        assertTrue(page.text().contains("Die Frist liegt in der Vergangenheit."));
        assertEquals("DRAFT", db.row("SELECT status FROM appeal WHERE id = ?", id).get("status"));
    }

    @Test
    void draftsAreCorrectedInPlaceButPublishedTextsChangeOnlyAsVersionsWithAReason() {
        String slug = Fixtures.unique("fassung").toLowerCase();
        long id = create(slug);
        Map<String, Object> f = formOf(id);
        f.put("title", "Kommunen wirklich entlasten");
        Web.Page draftEdit = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f);
        assertEquals(303, draftEdit.status(), draftEdit.text());
        assertEquals(1, db.count("SELECT COUNT(*) FROM appeal_version WHERE appeal_id = ?", id));
        assertEquals(
                "Kommunen wirklich entlasten",
                db.row("SELECT title FROM appeal_version WHERE appeal_id = ?", id).get("title"));

        assertEquals(303, transition(id, "veroeffentlichen").status());
        clock.set(Instant.parse("2026-02-10T15:30:00Z"));
        signInAgain();
        f = formOf(id);
        assertNotNull(
                web.get("/verwaltung/aufrufe/" + id)
                        .doc()
                        .selectFirst("input[name=slug][readonly]"));
        f.put("bodyMarkdown", "### Wir fordern\n\n- **mehr Geld** für Kommunen");
        Web.Page noReason = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f);
        assertEquals(422, noReason.status());
        assertTrue(
                noReason.doc()
                        .selectFirst("#reason-error")
                        .text()
                        .startsWith("Der Aufruf ist veröffentlicht"));
        assertEquals(
                "### Wir fordern\n\n- **mehr Geld** für Kommunen",
                noReason.doc().selectFirst("textarea[name=bodyMarkdown]").val());

        f.put("reason", "Forderung nach Rückmeldung der Kreise präzisiert");
        Web.Page saved = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f);
        assertEquals(303, saved.status(), saved.text());
        assertEquals("/verwaltung/aufrufe/" + id + "?ok=version", saved.header("Location"));
        Map<String, Object> v2 =
                db.row("SELECT * FROM appeal_version WHERE appeal_id = ? AND version_no = 2", id);
        assertEquals("Forderung nach Rückmeldung der Kreise präzisiert", v2.get("reason"));
        assertEquals(
                AppealText.hash(
                        "Kommunen wirklich entlasten",
                        "an die Bundesregierung",
                        "### Wir fordern\n\n- **mehr Geld** für Kommunen"),
                v2.get("text_hash"));
        assertEquals(
                "### Wir fordern\n\n- **mehr Geld** für Kommunen",
                db.row("SELECT body_markdown FROM appeal WHERE id = ?", id).get("body_markdown"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE appeal_id = ? AND action = 'APPEAL_VERSION_CREATED'",
                        id));

        Web.Page pub = new Web(base).get("/aufrufe/" + slug);
        String history = pub.doc().selectFirst(".history").text();
        assertTrue(history.contains("Fassung 1"), history);
        assertTrue(history.contains("erste Fassung"), history);
        assertTrue(
                history.contains(
                        "Fassung 2 vom 10. Februar 2026, 16:30 Uhr: Forderung nach Rückmeldung der Kreise präzisiert"),
                history);
        assertEquals("mehr Geld", pub.doc().selectFirst(".appeal-text strong").text());

        // The address is fixed once published, names once private stay private.
        f = formOf(id);
        f.put("slug", "neue-adresse-" + id);
        Web.Page slugChange = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f);
        assertEquals(422, slugChange.status());
        assertEquals(
                "Die Adresse kann nach der Veröffentlichung nicht mehr geändert werden.",
                slugChange.doc().selectFirst("#slug-error").text());
        f = formOf(id);
        f.remove("publishNames");
        f.put("deadlineTime", "22:00");
        assertEquals(
                303,
                post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f).status(),
                "other fields change without a new version");
        assertEquals(2, db.count("SELECT COUNT(*) FROM appeal_version WHERE appeal_id = ?", id));
        f = formOf(id);
        f.put("publishNames", "on");
        Web.Page namesOn = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f);
        assertEquals(422, namesOn.status());
        assertTrue(
                namesOn.doc()
                        .selectFirst("#publishNames-error")
                        .text()
                        .contains("nur noch abgeschaltet"));
    }

    @Test
    void aConcurrentChangeIsDetectedAndTheInputIsKept() {
        long id = create(Fixtures.unique("gleichzeitig").toLowerCase());
        Map<String, Object> mine = formOf(id);
        Web colleague = accounts.signedIn(base, accounts.organiser(city));
        Web.Page theirs = colleague.get("/verwaltung/aufrufe/" + id);
        Map<String, Object> their = formOf(id);
        their.put("title", "Titel der Kollegin");
        assertEquals(
                303,
                colleague
                        .postWithToken(Web.csrf(theirs), "/verwaltung/aufrufe/" + id, their)
                        .status());

        mine.put("title", "Mein Titel");
        mine.put("addressee", "an den Landtag");
        Web.Page conflict = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, mine);
        assertEquals(409, conflict.status());
        assertTrue(
                conflict.text().contains("inzwischen von jemand anderem geändert"),
                conflict.text());
        assertEquals("Mein Titel", conflict.doc().selectFirst("input[name=title]").val());
        assertEquals("an den Landtag", conflict.doc().selectFirst("input[name=addressee]").val());
        assertEquals(
                "Titel der Kollegin",
                db.row("SELECT title FROM appeal WHERE id = ?", id).get("title"));
        // Having seen the conflict, saving again (with the now current version) works.
        Map<String, Object> retry = new LinkedHashMap<>(mine);
        retry.put("version", conflict.doc().selectFirst("form.stack input[name=version]").val());
        assertEquals(
                303,
                web.postWithToken(Web.csrf(conflict), "/verwaltung/aufrufe/" + id, retry).status());
        assertEquals(
                "Mein Titel", db.row("SELECT title FROM appeal WHERE id = ?", id).get("title"));
    }

    @Test
    void organisersSeeAndTouchOnlyTheirOwnAppealsAndPlatformAdminsAll() {
        long mineId = create(Fixtures.unique("eigen").toLowerCase());
        Organiser other = fixtures.organiser("Stadt Fremd");
        Web otherWeb = accounts.signedIn(base, accounts.organiser(other));
        Map<String, Object> theirForm = validForm(Fixtures.unique("fremd").toLowerCase());
        theirForm.put("title", "Fremder Aufruf");
        assertEquals(
                303,
                otherWeb.postForm("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", theirForm)
                        .status());
        long theirsId = db.count("SELECT id FROM appeal WHERE slug = ?", theirForm.get("slug"));

        assertFalse(web.get("/verwaltung").text().contains("Fremder Aufruf"));
        Web.Page look = web.get("/verwaltung/aufrufe/" + theirsId);
        assertEquals(403, look.status());
        assertTrue(look.text().contains("Kein Zugriff"));
        String token = Web.csrf(web.get("/verwaltung"));
        Map<String, Object> edit = validForm((String) theirForm.get("slug"));
        edit.put("title", "Übernommen");
        edit.put("version", "0");
        assertEquals(
                403, web.postWithToken(token, "/verwaltung/aufrufe/" + theirsId, edit).status());
        assertEquals(
                403,
                web.postWithToken(
                                token,
                                "/verwaltung/aufrufe/" + theirsId + "/veroeffentlichen",
                                Map.of("version", "0"))
                        .status());
        assertEquals(
                "Fremder Aufruf",
                db.row("SELECT title FROM appeal WHERE id = ?", theirsId).get("title"));
        assertEquals(
                "DRAFT", db.row("SELECT status FROM appeal WHERE id = ?", theirsId).get("status"));
        // An organiser cannot create for another organisation either: the organisation comes from
        // the account.
        Map<String, Object> smuggle = validForm(Fixtures.unique("schmuggel").toLowerCase());
        smuggle.put("organiserId", String.valueOf(other.id()));
        assertEquals(
                303, post("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", smuggle).status());
        assertEquals(
                city.id(),
                ((Number)
                                db.row(
                                                "SELECT organiser_id FROM appeal WHERE slug = ?",
                                                smuggle.get("slug"))
                                        .get("organiser_id"))
                        .longValue());
        assertEquals(403, web.get("/verwaltung/organisationen").status());
        assertEquals(403, web.get("/verwaltung/konten").status());

        Web admin = accounts.signedIn(base, accounts.admin());
        String list = admin.get("/verwaltung").text();
        assertTrue(list.contains("Fremder Aufruf"));
        assertEquals(200, admin.get("/verwaltung/aufrufe/" + theirsId).status());
        assertEquals(200, admin.get("/verwaltung/aufrufe/" + mineId).status());
        Web.Page adminEdit = admin.get("/verwaltung/aufrufe/" + theirsId);
        String version =
                adminEdit
                        .doc()
                        .selectFirst("form[action*=veroeffentlichen] input[name=version]")
                        .val();
        assertEquals(
                303,
                admin.postWithToken(
                                Web.csrf(adminEdit),
                                "/verwaltung/aufrufe/" + theirsId + "/veroeffentlichen",
                                Map.of("version", version, "confirm", "yes"))
                        .status());
        assertEquals(
                "OPEN", db.row("SELECT status FROM appeal WHERE id = ?", theirsId).get("status"));
    }

    @Test
    void consoleFormsWithoutOrWithAWrongTokenAreRefusedAndChangeNothing() {
        long id = create(Fixtures.unique("schutz").toLowerCase());
        Map<String, Object> f = formOf(id);
        f.put("title", "Gefälscht");
        Web.Page none = web.postEncoded("/verwaltung/aufrufe/" + id, Web.encodeAll(f));
        assertEquals(403, none.status());
        assertTrue(
                none.text()
                        .contains("Das Formular ist abgelaufen. Bitte laden Sie die Seite neu."));
        Web.Page wrong = web.postWithToken("falsch.falsch", "/verwaltung/aufrufe/" + id, f);
        assertEquals(403, wrong.status());
        // A token of another visitor does not fit this visitor's cookie.
        String strangers = Web.csrf(new Web(base).get("/verwaltung/anmelden"));
        assertEquals(403, web.postWithToken(strangers, "/verwaltung/aufrufe/" + id, f).status());
        assertEquals(
                403,
                web.postWithToken(
                                strangers,
                                "/verwaltung/aufrufe/" + id + "/veroeffentlichen",
                                Map.of("version", f.get("version")))
                        .status());
        assertEquals(
                "Kommunen entlasten",
                db.row("SELECT title FROM appeal WHERE id = ?", id).get("title"));
        assertEquals("DRAFT", db.row("SELECT status FROM appeal WHERE id = ?", id).get("status"));
        assertEquals(
                303,
                web.postForm("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f).status());
        assertEquals("Gefälscht", db.row("SELECT title FROM appeal WHERE id = ?", id).get("title"));
    }

    @Test
    void theOrganiserChoosesWhatCountsPublicly() {
        long id = create(Fixtures.unique("zaehlen").toLowerCase());
        assertEquals(
                "TRUSTED_ONLY",
                db.row("SELECT public_count FROM appeal WHERE id = ?", id).get("public_count"));
        Document page = web.get("/verwaltung/aufrufe/" + id).doc();
        assertEquals(
                "TRUSTED_ONLY",
                page.selectFirst("select[name=publicCount] option[selected]").val());
        Map<String, Object> f = formOf(id);
        f.put("publicCount", "EVERYTHING");
        Web.Page bad = post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f);
        assertEquals(422, bad.status());
        assertTrue(
                bad.text().contains("Bitte wählen Sie, was öffentlich gezählt wird."), bad.text());
        f.put("publicCount", "ALL_CONFIRMED");
        assertEquals(
                303, post("/verwaltung/aufrufe/" + id, "/verwaltung/aufrufe/" + id, f).status());
        assertEquals(
                "ALL_CONFIRMED",
                db.row("SELECT public_count FROM appeal WHERE id = ?", id).get("public_count"));
        assertEquals(
                "ALL_CONFIRMED",
                web.get("/verwaltung/aufrufe/" + id)
                        .doc()
                        .selectFirst("select[name=publicCount] option[selected]")
                        .val());
    }

    @Test
    void platformAdminsChooseTheOrganisationOfANewAppeal() {
        Web admin = accounts.signedIn(base, accounts.admin());
        Web.Page form = admin.get("/verwaltung/aufrufe/neu");
        assertNotNull(
                form.doc().selectFirst("select[name=organiserId] option[value=" + city.id() + "]"));
        String slug = Fixtures.unique("admin").toLowerCase();
        Map<String, Object> f = validForm(slug);
        Web.Page none = admin.postWithToken(Web.csrf(form), "/verwaltung/aufrufe/neu", f);
        assertEquals(422, none.status());
        assertEquals(
                "Bitte wählen Sie die Organisation.",
                none.doc().selectFirst("#organiserId-error").text());
        f.put("organiserId", String.valueOf(city.id()));
        assertEquals(
                303, admin.postWithToken(Web.csrf(form), "/verwaltung/aufrufe/neu", f).status());
        assertEquals(
                city.id(),
                ((Number)
                                db.row("SELECT organiser_id FROM appeal WHERE slug = ?", slug)
                                        .get("organiser_id"))
                        .longValue());
        assertTrue(
                web.get("/verwaltung").text().contains("Kommunen entlasten"),
                "the organisation sees it");
    }

    @Test
    void appealsMadeElsewhereGetTheirFirstVersionFromTheOldTextAndKeepTheirSeconds() {
        de.mitzeichnen.appeal.Appeal old =
                fixtures.appeal(
                        city,
                        "Alter Aufruf",
                        de.mitzeichnen.appeal.AppealStatus.OPEN,
                        Instant.parse("2026-01-10T08:00:00Z"),
                        Instant.parse("2026-03-31T21:59:59.250Z"),
                        "Alter **Text**");
        Map<String, Object> f = formOf(old.id());
        assertEquals("23:59", f.get("deadlineTime"));
        f.put("goal", "50");
        assertEquals(
                303,
                post("/verwaltung/aufrufe/" + old.id(), "/verwaltung/aufrufe/" + old.id(), f)
                        .status());
        assertEquals(
                "2026-03-31 21:59:59.250000",
                db.row("SELECT CAST(deadline AS CHAR) AS d FROM appeal WHERE id = ?", old.id())
                        .get("d"),
                "an unchanged deadline keeps its seconds");
        assertEquals(
                "goal",
                db.row(
                                "SELECT details FROM audit_entry WHERE appeal_id = ? AND action = 'APPEAL_UPDATED'",
                                old.id())
                        .get("details")
                        .toString()
                        .replaceAll(".*\"fields\":\"([^\"]*)\".*", "$1"));

        f = formOf(old.id());
        f.put("bodyMarkdown", "Neuer **Text**");
        f.put("reason", "Tippfehler");
        assertEquals(
                303,
                post("/verwaltung/aufrufe/" + old.id(), "/verwaltung/aufrufe/" + old.id(), f)
                        .status());
        List<Map<String, Object>> versions =
                db.rows(
                        "SELECT version_no, body_markdown, reason FROM appeal_version"
                                + " WHERE appeal_id = ? ORDER BY version_no",
                        old.id());
        assertEquals(2, versions.size());
        assertEquals("Alter **Text**", versions.get(0).get("body_markdown"));
        assertEquals("Neuer **Text**", versions.get(1).get("body_markdown"));
        assertEquals("Tippfehler", versions.get(1).get("reason"));
    }
}
