package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.municipality.District;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's alliances through HTTP against the real database: creating and editing one, adding
 * and ending memberships with every rule (overlap, leaving before joining, dates beyond a year —
 * each refused with its message and nothing stored), the maintained numbers, the evidence, the
 * audit log, and that another organisation's organiser is refused (403).
 */
@MicronautTest(transactional = false)
class AllianceConsoleTest {

    /** Today is 15.01.2026 in Berlin: a date after 15.01.2027 lies more than a year ahead. */
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject MunicipalityRegister register;

    URI base;
    Organiser city;
    Web web;
    String slug;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Bündnis");
        web = accounts.signedIn(base, accounts.organiser(city));
        slug = Fixtures.unique("b").toLowerCase();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    long create(Web browser, String slug, boolean isPublic) {
        Map<String, String> form =
                Web.form(
                        "name",
                        "Städte Sicherer Häfen " + slug,
                        "slug",
                        slug,
                        "description",
                        "Kommunen, die Menschen aufnehmen.\n\nZweiter Absatz.",
                        "contactName",
                        "Geschäftsstelle",
                        "contactEmail",
                        "kontakt@haefen.example");
        if (isPublic) {
            form.put("publicPage", "on");
        }
        Web.Page created =
                browser.postForm("/verwaltung/buendnisse/neu", "/verwaltung/buendnisse/neu", form);
        assertEquals(303, created.status(), created.text());
        long id =
                ((Number) db.row("SELECT id FROM alliance WHERE slug = ?", slug).get("id"))
                        .longValue();
        assertEquals("/verwaltung/buendnisse/" + id + "?ok=created", created.header("Location"));
        return id;
    }

    Web.Page add(long id, Map<String, String> fields) {
        return add(id, fields, "", new byte[0]);
    }

    Web.Page add(long id, Map<String, String> fields, String fileName, byte[] file) {
        String page = "/verwaltung/buendnisse/" + id + "/mitglieder";
        Web.Page form = web.get(page);
        assertEquals(200, form.status(), form.text());
        return web.postMultipart(
                Web.csrf(form), page, fields, "file", fileName, "application/pdf", file);
    }

    long members(long id) {
        return db.count("SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ?", id);
    }

    long audits(String action, long organiserId) {
        return db.count(
                "SELECT COUNT(*) FROM audit_entry WHERE action = ? AND organiser_id = ?",
                action,
                organiserId);
    }

    Map<String, Object> stats(long id) {
        return db.row("SELECT * FROM alliance_stats WHERE alliance_id = ?", id);
    }

    static String errors(Web.Page page) {
        return page.doc().select(".error-summary li").eachText().toString();
    }

    @Test
    void anOrganiserCreatesAndEditsAnAllianceAndBadInputStoresNothing() {
        Web.Page empty =
                web.postForm(
                        "/verwaltung/buendnisse/neu",
                        "/verwaltung/buendnisse/neu",
                        Web.form("name", "", "slug", "Nicht Gut!", "contactEmail", "kein-mail"));
        assertEquals(422, empty.status());
        assertEquals(3 + 1, empty.doc().select(".error-summary li").size(), errors(empty));
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM alliance WHERE organiser_id = ?", city.id()));

        long id = create(web, slug, false);
        Map<String, Object> row = db.row("SELECT * FROM alliance WHERE id = ?", id);
        assertEquals(city.id(), ((Number) row.get("organiser_id")).longValue());
        assertEquals(Boolean.FALSE, row.get("public_page"));
        assertEquals("Geschäftsstelle", row.get("contact_name"));
        assertEquals(1, audits("ALLIANCE_CREATED", city.id()));
        assertEquals(0, ((Number) stats(id).get("municipalities")).intValue());

        Web.Page list = web.get("/verwaltung/buendnisse");
        assertTrue(list.text().contains("Städte Sicherer Häfen " + slug), list.text());

        Web.Page edit = web.get("/verwaltung/buendnisse/" + id);
        assertEquals(200, edit.status());
        Web.Page taken =
                web.postForm(
                        "/verwaltung/buendnisse/" + id,
                        "/verwaltung/buendnisse/" + id,
                        Web.form(
                                "name",
                                "Neuer Name",
                                "slug",
                                "migration-als-chance-x",
                                "description",
                                "Text",
                                "contactEmail",
                                "kontakt@haefen.example",
                                "version",
                                edit.doc().selectFirst("input[name=version]").val(),
                                "publicPage",
                                "on"));
        assertEquals(303, taken.status(), taken.text());
        Map<String, Object> saved = db.row("SELECT * FROM alliance WHERE id = ?", id);
        assertEquals("Neuer Name", saved.get("name"));
        assertEquals(Boolean.TRUE, saved.get("public_page"));
        assertEquals(1, audits("ALLIANCE_UPDATED", city.id()));

        // a public alliance keeps its address
        Web.Page again = web.get("/verwaltung/buendnisse/" + id);
        Web.Page fixed =
                web.postForm(
                        "/verwaltung/buendnisse/" + id,
                        "/verwaltung/buendnisse/" + id,
                        Web.form(
                                "name",
                                "Neuer Name",
                                "slug",
                                slug + "-neu",
                                "description",
                                "Text",
                                "contactEmail",
                                "kontakt@haefen.example",
                                "version",
                                again.doc().selectFirst("input[name=version]").val(),
                                "publicPage",
                                "on"));
        assertEquals(422, fixed.status());
        assertTrue(errors(fixed).contains("Adresse eines öffentlichen Bündnisses"), errors(fixed));
        assertEquals(
                "migration-als-chance-x",
                db.row("SELECT slug FROM alliance WHERE id = ?", id).get("slug"));
        db.update("UPDATE alliance SET slug = ? WHERE id = ?", slug, id);
    }

    @Test
    void anotherOrganisationsOrganiserIsRefusedEverywhereAndChangesNothing() {
        long id = create(web, slug, true);
        Organiser other = fixtures.organiser("Stadt Anders");
        Web stranger = accounts.signedIn(base, accounts.organiser(other));
        for (String path :
                List.of(
                        "/verwaltung/buendnisse/" + id,
                        "/verwaltung/buendnisse/" + id + "/mitglieder",
                        "/verwaltung/buendnisse/" + id + "/mitglieder/import")) {
            assertEquals(403, stranger.get(path).status(), path);
        }
        Web.Page own = stranger.get("/verwaltung/buendnisse/neu");
        Web.Page post =
                stranger.postMultipart(
                        Web.csrf(own),
                        "/verwaltung/buendnisse/" + id + "/mitglieder",
                        Web.form("place", "09162000", "country", "DE", "joinedOn", "2020-01-01"),
                        "file",
                        "",
                        "application/octet-stream",
                        new byte[0]);
        assertEquals(403, post.status());
        assertEquals(0, members(id));
        assertFalse(stranger.get("/verwaltung/buendnisse").text().contains(slug));
        // a platform admin may
        Web admin = accounts.signedIn(base, accounts.admin());
        assertEquals(200, admin.get("/verwaltung/buendnisse/" + id + "/mitglieder").status());
        assertTrue(admin.get("/verwaltung/buendnisse").text().contains(slug));
    }

    @Test
    void membersAreAddedEndedAndJoinAgainWhileEveryBrokenRuleIsRefusedWithNothingStored() {
        long id = create(web, slug, true);
        byte[] pdf = "%PDF-1.4 Beschluss".getBytes(StandardCharsets.UTF_8);
        Web.Page added =
                add(
                        id,
                        Web.form(
                                "country",
                                "DE",
                                "place",
                                "München (09162000)",
                                "joinedOn",
                                "2019-06-14",
                                "basis",
                                "Stadtratsbeschluss vom 12.06.2019"),
                        "beschluss.pdf",
                        pdf);
        assertEquals(303, added.status(), added.text());
        assertEquals(
                "/verwaltung/buendnisse/" + id + "/mitglieder?ok=added&n=1",
                added.header("Location"));
        Map<String, Object> m = db.row("SELECT * FROM alliance_member WHERE alliance_id = ?", id);
        assertEquals("09162000", m.get("municipality_ags"));
        assertEquals("2019-06-14", m.get("joined_on").toString());
        assertEquals("Stadtratsbeschluss vom 12.06.2019", m.get("basis"));
        long munich = ((Number) m.get("id")).longValue();
        var evidence =
                web.download(
                        "/verwaltung/buendnisse/" + id + "/mitglieder/" + munich + "/nachweis");
        assertEquals(200, evidence.statusCode());
        assertEquals(
                new String(pdf, StandardCharsets.UTF_8),
                new String(evidence.body(), StandardCharsets.UTF_8));
        assertEquals(1, audits("ALLIANCE_MEMBER_ADDED", city.id()));
        int munichPeople = register.findByAgs("09162000").orElseThrow().population();
        assertEquals(munichPeople, ((Number) stats(id).get("population")).intValue());

        // joining twice while a membership is open
        Web.Page twice =
                add(id, Web.form("country", "DE", "place", "09162000", "joinedOn", "2024-01-01"));
        assertEquals(422, twice.status());
        assertTrue(
                errors(twice).contains("Diese Kommune ist schon Mitglied – seit 14.06.2019"),
                errors(twice));
        // leaving before joining
        Web.Page before =
                add(
                        id,
                        Web.form(
                                "country",
                                "DE",
                                "place",
                                "Kiel",
                                "joinedOn",
                                "2021-05-01",
                                "leftOn",
                                "2020-05-01"));
        assertEquals(422, before.status());
        assertTrue(
                errors(before).contains("Der Austritt muss nach dem Beitritt am 01.05.2021 liegen"),
                errors(before));
        // a date more than a year ahead
        Web.Page future =
                add(id, Web.form("country", "DE", "place", "Kiel", "joinedOn", "2027-01-16"));
        assertEquals(422, future.status());
        assertTrue(
                errors(future).contains("mehr als ein Jahr in der Zukunft (spätestens 15.01.2027)"),
                errors(future));
        Web.Page unknown =
                add(
                        id,
                        Web.form(
                                "country", "DE", "place", "Xyzzyhausen", "joinedOn", "2020-01-01"));
        assertEquals(422, unknown.status());
        assertEquals(1, members(id), "nothing stored by the refused forms");
        assertEquals(1, audits("ALLIANCE_MEMBER_ADDED", city.id()));
        // within a year ahead is fine: a decision that takes effect next year
        assertEquals(
                303,
                add(id, Web.form("country", "DE", "place", "Kiel", "joinedOn", "2027-01-15"))
                        .status());

        // a Landkreis and a municipality inside it: the Kreis covers its inhabitants once
        District fulda = register.district("06631").orElseThrow();
        Municipality inFulda = register.findByAgs(fulda.municipalityAgs().get(0)).orElseThrow();
        assertEquals(
                303,
                add(id, Web.form("country", "DE", "place", "06631", "joinedOn", "2020-03-01"))
                        .status());
        assertEquals(
                303,
                add(id, Web.form("country", "DE", "place", inFulda.ags(), "joinedOn", "2020-03-02"))
                        .status());
        // a city abroad, by country and name as in the sign form
        assertEquals(
                303,
                add(id, Web.form("country", "CH", "place", "Zürich", "joinedOn", "2021-05-01"))
                        .status());
        Map<String, Object> s = stats(id);
        assertEquals(3, ((Number) s.get("municipalities")).intValue(), s.toString());
        assertEquals(1, ((Number) s.get("districts")).intValue());
        assertEquals(1, ((Number) s.get("abroad")).intValue());
        assertEquals(
                (long) munichPeople + fulda.population(),
                ((Number) s.get("population")).longValue());
        assertEquals("2027-01-15", s.get("valid_until").toString(), "Kiel joins then");

        // ending: not before joining, not beyond a year, then for real
        String end = "/verwaltung/buendnisse/" + id + "/mitglieder/" + munich + "/austritt";
        Web.Page early = web.postForm(end, end, Web.form("leftOn", "2019-06-14"));
        assertEquals(422, early.status());
        assertTrue(errors(early).contains("nach dem Beitritt am 14.06.2019"), errors(early));
        Web.Page late = web.postForm(end, end, Web.form("leftOn", "2027-02-01"));
        assertEquals(422, late.status());
        assertEquals(
                null,
                db.row("SELECT left_on FROM alliance_member WHERE id = ?", munich).get("left_on"));
        Web.Page ended = web.postForm(end, end, Web.form("leftOn", "2023-12-31"));
        assertEquals(303, ended.status(), ended.text());
        assertEquals(
                "2023-12-31",
                db.row("SELECT left_on FROM alliance_member WHERE id = ?", munich)
                        .get("left_on")
                        .toString());
        assertEquals(1, audits("ALLIANCE_MEMBER_ENDED", city.id()));
        assertEquals(2, ((Number) stats(id).get("municipalities")).intValue());
        Web.Page endedAgain = web.postForm(end, end, Web.form("leftOn", "2024-12-31"));
        assertEquals(
                404,
                web.get(
                                end.replace("/austritt", "/nachweis")
                                        .replace(String.valueOf(munich), "999999999"))
                        .status());
        assertEquals(422, endedAgain.status(), "already ended");

        // rejoining: overlapping the old membership is refused, after it a new row
        Web.Page overlap =
                add(id, Web.form("country", "DE", "place", "09162000", "joinedOn", "2023-06-01"));
        assertEquals(422, overlap.status());
        assertTrue(errors(overlap).contains("vom 14.06.2019 bis 31.12.2023"), errors(overlap));
        Web.Page rejoin =
                add(
                        id,
                        Web.form(
                                "country",
                                "DE",
                                "place",
                                "09162000",
                                "joinedOn",
                                "2025-01-01",
                                "basis",
                                "Neuer Beschluss"));
        assertEquals(303, rejoin.status(), rejoin.text());
        assertEquals(
                2,
                db.count(
                        "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ? AND municipality_ags = '09162000'",
                        id));
        assertEquals(3, ((Number) stats(id).get("municipalities")).intValue());

        Document list = web.get("/verwaltung/buendnisse/" + id + "/mitglieder").doc();
        assertEquals(6, list.select("table.member-list tbody tr").size());
        assertEquals(1, list.select("tr.member-past").size());
        assertEquals(1, list.select("tr.member-future").size());
        assertNotNull(list.selectFirst("a[href$=/nachweis]"));
    }

    @Test
    void theRefusalsSpeakEnglishToo() {
        long id = create(web, slug, false);
        assertEquals(
                303,
                add(id, Web.form("country", "DE", "place", "09162000", "joinedOn", "2019-06-14"))
                        .status());
        String page = "/verwaltung/buendnisse/" + id + "/mitglieder?lang=en";
        Web.Page form = web.get(page);
        Web.Page twice =
                web.postMultipart(
                        Web.csrf(form),
                        page,
                        Web.form(
                                "country",
                                "DE",
                                "place",
                                "09162000",
                                "joinedOn",
                                "2020-01-01",
                                "leftOn",
                                "2019-01-01"),
                        "file",
                        "",
                        "application/pdf",
                        new byte[0]);
        assertEquals(422, twice.status());
        assertEquals(
                "[Leaving must come after joining on 01.01.2020.]", errors(twice), twice.text());
        Web.Page future =
                web.postMultipart(
                        Web.csrf(form),
                        page,
                        Web.form("country", "DE", "place", "09162000", "joinedOn", "2024-01-01"),
                        "file",
                        "",
                        "application/pdf",
                        new byte[0]);
        assertEquals(
                "[This municipality is already a member – since 14.06.2019. A second membership must not overlap with it.]",
                errors(future));
        assertEquals(1, members(id));
    }

    @Test
    void anAmbiguousNameOffersTheCandidatesAndStoresNothing() {
        long id = create(web, slug, false);
        Web.Page neustadt =
                add(id, Web.form("country", "DE", "place", "Neustadt", "joinedOn", "2020-01-01"));
        assertEquals(422, neustadt.status());
        assertTrue(neustadt.doc().select("input[name=placeChoice]").size() > 5);
        String choice = neustadt.doc().selectFirst("input[name=placeChoice]").val();
        assertEquals(0, members(id));
        assertEquals(
                303,
                add(
                                id,
                                Web.form(
                                        "country",
                                        "DE",
                                        "place",
                                        "Neustadt",
                                        "placeChoice",
                                        choice,
                                        "joinedOn",
                                        "2020-01-01"))
                        .status());
        assertEquals(1, members(id));
    }
}
