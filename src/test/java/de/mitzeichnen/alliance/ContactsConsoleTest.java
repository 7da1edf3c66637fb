package de.mitzeichnen.alliance;

import static de.mitzeichnen.alliance.ContactTestData.assertStatus;
import static de.mitzeichnen.alliance.ContactTestData.submit;
import static de.mitzeichnen.alliance.ContactTestData.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contacts of an alliance's members in the console, through HTTP against the real database:
 * listed by member, added, edited, erased; imported from CSV (Windows-1252, {@code ;}) and XLSX
 * with a preview that explains every bad row and stores nothing; the retention; and another
 * organisation's organiser refused on every page.
 */
@MicronautTest(transactional = false)
class ContactsConsoleTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject ContactTestData data;
    @Inject ContactRetention retention;

    URI base;
    Organiser city;
    Alliance alliance;
    MemberPlace muenchen;
    MemberPlace fulda;
    MemberPlace zuerich;
    Web web;
    String page;
    String tag;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        base = URI.create(server.getURL().toString());
        city = fixtures.organiser("Stadt Kontakte");
        alliance = data.alliance(city, true);
        muenchen = data.member(alliance, "09162000", "DE", "2019-06-14", null);
        fulda = data.member(alliance, "06631", "DE", "2020-03-01", null);
        zuerich = data.member(alliance, "Zürich", "CH", "2021-05-01", null);
        // Kassel has left: it keeps its contacts, but gets no new ones
        data.member(alliance, "06611000", "DE", "2019-09-01", "2023-12-31");
        web = accounts.signedIn(base, accounts.organiser(city));
        page = "/verwaltung/buendnisse/" + alliance.id() + "/kontakte";
        tag = Fixtures.unique("k").substring(2);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@stadt.example";
    }

    long stored() {
        return db.count(
                "SELECT COUNT(*) FROM alliance_contact WHERE alliance_id = ?", alliance.id());
    }

    Web.Page add(Map<String, String> fields) {
        return submit(web, web.get(page), "/kontakte?", fields);
    }

    @Test
    void contactsAreAddedEditedAndErasedAndABadFormStoresNothing() {
        Web.Page list = web.get(page);
        assertStatus(200, list);
        assertEquals(
                List.of(
                        "Bitte wählen",
                        "München (09162000)",
                        "Landkreis Fulda (06631)",
                        "Zürich (CH)"),
                list.doc().select("select#place option").eachText(),
                "today's members to choose, not Kassel that has left");

        Web.Page bad =
                add(
                        Map.of(
                                "place", "M:06611000",
                                "name", "=HYPERLINK()",
                                "role", "DISTRICT_ADMINISTRATOR",
                                "email", "kein-mail",
                                "body", "",
                                "note", ""));
        assertStatus(422, bad);
        assertEquals(
                List.of(
                        "Das ist kein Mitglied des Bündnisses (weder heute noch mit künftigem Beitritt).",
                        "Name beginnt mit =, +, - oder @",
                        "Funktion eines Landkreises, aber eine Gemeinde angegeben",
                        "Das ist keine gültige E-Mail-Adresse."),
                texts(bad, ".error-summary li"));
        assertTrue(bad.doc().title().startsWith("Fehler: "), bad.doc().title());
        assertEquals(0, stored());

        Web.Page wrongRole =
                add(
                        Map.of(
                                "place", muenchen.id(),
                                "name", "Anna Alt",
                                "role", "DISTRICT_ADMINISTRATOR",
                                "email", addr("anna"),
                                "body", "",
                                "note", ""));
        assertStatus(422, wrongRole);
        assertEquals(
                List.of("Funktion eines Landkreises, aber eine Gemeinde angegeben"),
                texts(wrongRole, ".error-summary li"));
        assertEquals("Anna Alt", wrongRole.doc().selectFirst("input#name").val(), "values kept");
        Web.Page noMember =
                add(
                        Map.of(
                                "place", "",
                                "name", "Anna Alt",
                                "role", "",
                                "email", addr("anna"),
                                "body", "",
                                "note", ""));
        assertStatus(422, noMember);
        assertEquals(
                List.of("Bitte wählen Sie das Mitglied.", "Bitte wählen Sie die Funktion."),
                texts(noMember, ".error-summary li"));
        assertEquals(0, stored());

        Web.Page added =
                add(
                        Map.of(
                                "place", muenchen.id(),
                                "name", "Anna Alt",
                                "role", "LORD_MAYOR",
                                "email", addr("anna"),
                                "body", "Stadtrat",
                                "note", "Büro: Zimmer 12\nDienstags erreichbar"));
        assertStatus(303, added);
        Web.Page after = web.get(added.header("Location"));
        assertEquals("Der Kontakt ist eingetragen.", after.doc().selectFirst(".notice.ok").text());
        Element row = after.doc().selectFirst("tr[data-contact]");
        assertTrue(row.text().contains("Anna Alt"), row.text());
        assertTrue(row.text().contains("Oberbürgermeister:in"), row.text());
        assertTrue(row.text().contains(addr("anna")), row.text());
        assertEquals(1, stored());
        Map<String, Object> audit =
                db.row(
                        "SELECT details FROM audit_entry WHERE action = 'ALLIANCE_CONTACT_ADDED'"
                                + " AND details LIKE ?",
                        "%" + alliance.slug() + "%");
        assertFalse(audit.get("details").toString().contains("Anna"), "no name in the log");
        assertFalse(audit.get("details").toString().contains(addr("anna")), "no address");

        Web.Page twice =
                add(
                        Map.of(
                                "place", fulda.id(),
                                "name", "Anna Zwei",
                                "role", "DISTRICT_ADMINISTRATOR",
                                "email", addr("anna").toUpperCase(),
                                "body", "",
                                "note", ""));
        assertStatus(422, twice);
        assertEquals(
                List.of("Diese E-Mail-Adresse ist schon ein Kontakt dieses Bündnisses."),
                texts(twice, ".error-summary li"));

        String editPath = row.selectFirst("a[href$=/bearbeiten]").attr("href");
        Web.Page edit = web.get(editPath);
        assertStatus(200, edit);
        Web.Page saved =
                submit(web, edit, "/bearbeiten", Map.of("role", "MAYOR", "body", "Rathaus"));
        assertStatus(303, saved);
        assertEquals(
                "MAYOR",
                db.row("SELECT role FROM alliance_contact WHERE alliance_id = ?", alliance.id())
                        .get("role"));
        // the same form sent again is stale now: a conflict, the stored values shown, nothing
        // stored
        Web.Page stale = submit(web, edit, "/bearbeiten", Map.of("name", "Anna Anders"));
        assertStatus(409, stale);
        assertEquals("Anna Alt", stale.doc().selectFirst("input#name").val());
        assertEquals(
                "Anna Alt",
                db.row("SELECT name FROM alliance_contact WHERE alliance_id = ?", alliance.id())
                        .get("name"));

        String erasePath = row.selectFirst("a[href$=/loeschen]").attr("href");
        Web.Page confirm = web.get(erasePath);
        assertStatus(200, confirm);
        assertEquals(1, stored(), "the page only asks");
        Web.Page erased = submit(web, confirm, "/loeschen", Map.of());
        assertStatus(303, erased);
        assertEquals(0, stored());
        assertEquals(
                "Der Kontakt ist gelöscht.",
                web.get(erased.header("Location")).doc().selectFirst(".notice.ok").text());
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_CONTACT_ERASED'"
                                + " AND details LIKE ?",
                        "%" + alliance.slug() + "%"));
        assertStatus(404, web.get(erasePath));
    }

    /** Three good rows, then every kind of bad row, as Excel on Windows saves a list. */
    byte[] csv() {
        return (String.join(
                                "\r\n",
                                "Name;E-Mail;Funktion;Gemeinde;Staat;Gremium;Notiz",
                                "Anna Alt;" + addr("anna") + ";Oberbürgermeisterin;09162000;;;",
                                "Bert Bär;"
                                        + addr("bert")
                                        + ";Mitglied des Bezirksausschusses;München;;Bezirksausschuss 25 – Laim;",
                                "Cora Crüger;" + addr("cora") + ";Landrätin;Landkreis Fulda;;;",
                                "Dora Dorf;" + addr("dora") + ";Bürgermeisterin;06611000;;;",
                                "Emil Eck;kein-mail;Stadtrat;09162000;;;",
                                "Fritz Fehl;" + addr("fritz") + ";Hausmeister;09162000;;;",
                                "Gina Gibtsnicht;" + addr("gina") + ";Stadträtin;Xyzzyhausen;;;",
                                "Anna Doppelt;" + addr("anna") + ";Stadträtin;09162000;;;",
                                "Hans Hier;" + addr("hans") + ";Landrat;09162000;;;")
                        + "\r\n")
                .getBytes(Charset.forName("windows-1252"));
    }

    @Test
    void anImportShowsEveryBadRowAndStoresNothingUntilConfirmedThenOnlyTheGoodRows() {
        Web.Page form = web.get(page + "/import");
        assertStatus(200, form);
        Web.Page preview =
                web.postFile(
                        Web.csrf(form), page + "/import/vorschau", "file", "kontakte.csv", csv());
        assertStatus(200, preview);
        assertEquals(
                "3 Kontakte bereit, 6 Zeilen mit Problemen",
                preview.doc().selectFirst(".preview-counts").text());
        assertEquals(9, preview.doc().select("table.contact-preview tbody tr").size());
        assertEquals(
                List.of(
                        "Das ist kein Mitglied des Bündnisses (weder heute noch mit künftigem Beitritt).",
                        "Das ist keine gültige E-Mail-Adresse.",
                        texts(preview, "td.problems .problem").get(2),
                        "Diese Kommune oder diesen Landkreis gibt es im Gemeindeverzeichnis nicht. Bitte prüfen Sie Namen oder Gemeindeschlüssel.",
                        "E-Mail-Adresse kommt in der Datei mehrfach vor",
                        "Funktion eines Landkreises, aber eine Gemeinde angegeben"),
                texts(preview, "td.problems .problem"));
        assertTrue(
                texts(preview, "td.problems .problem").get(2).startsWith("Funktion unbekannt"),
                texts(preview, "td.problems .problem").toString());
        Element bert = preview.doc().select("tr.row-ok").get(1);
        assertTrue(bert.text().contains("Mitglied Bezirksausschuss / Ortsbeirat"), bert.text());
        assertTrue(bert.text().contains("München (09162000)"), bert.text());
        assertTrue(bert.text().contains("Bezirksausschuss 25 – Laim"), bert.text());
        assertEquals(0, stored(), "a preview stores nothing");

        Web.Page confirmed = submit(web, preview, "/import/eintragen", Map.of());
        assertStatus(303, confirmed);
        assertEquals(page + "?ok=imported&n=3", confirmed.header("Location"));
        assertEquals(
                List.of(addr("anna"), addr("bert"), addr("cora")),
                db
                        .rows(
                                "SELECT email FROM alliance_contact WHERE alliance_id = ? ORDER BY email",
                                alliance.id())
                        .stream()
                        .map(r -> r.get("email"))
                        .toList());
        assertEquals(
                "Bezirksausschuss 25 – Laim",
                db.row("SELECT body FROM alliance_contact WHERE email = ?", addr("bert"))
                        .get("body"));

        // the same file again: every row is a duplicate now, nothing more is stored
        Web.Page again =
                web.postFile(
                        Web.csrf(form), page + "/import/vorschau", "file", "kontakte.csv", csv());
        assertEquals(
                "0 Kontakte bereit, 9 Zeilen mit Problemen",
                again.doc().selectFirst(".preview-counts").text());
        assertNotNull(again.doc().selectFirst(".notice.bad"));
        assertEquals(0, again.doc().select("form[action*=/import/eintragen]").size());

        Web.Page header =
                web.postFile(
                        Web.csrf(form),
                        page + "/import/vorschau",
                        "file",
                        "liste.csv",
                        "a;b\n1;2\n".getBytes());
        assertStatus(422, header);
        assertTrue(
                header.doc().selectFirst(".notice.bad").text().contains("Name, E-Mail, Funktion"),
                header.text());
        assertEquals(3, stored());
    }

    @Test
    void anExcelListIsReadLikeACsvFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "Test", "1.0")) {
            Worksheet ws = wb.newWorksheet("Kontakte");
            String[][] rows = {
                {"Name", "E-Mail", "Funktion", "AGS", "Gremium"},
                {"Xaver Excel", addr("xaver"), "Stadtrat", "9162000", "Stadtrat"},
                {"Yvonne Ypsilon", addr("yvonne"), "Landrätin", "6631", ""}
            };
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    if (r > 0 && c == 3) {
                        // a key as Excel keeps it: a number without its leading zero
                        ws.value(r, c, Integer.parseInt(rows[r][c]));
                    } else {
                        ws.value(r, c, rows[r][c]);
                    }
                }
            }
        }
        Web.Page form = web.get(page + "/import");
        Web.Page preview =
                web.postFile(
                        Web.csrf(form),
                        page + "/import/vorschau",
                        "file",
                        "kontakte.xlsx",
                        out.toByteArray());
        assertStatus(200, preview);
        assertEquals(
                "2 Kontakte bereit, 0 Zeilen mit Problemen",
                preview.doc().selectFirst(".preview-counts").text());
        assertStatus(303, submit(web, preview, "/import/eintragen", Map.of()));
        assertEquals(2, stored());
    }

    @Test
    void anotherOrganisationsOrganiserIsRefusedEverywhere() {
        Contact c =
                data.contact(
                        alliance, muenchen, "Anna Alt", SignerRole.LORD_MAYOR, addr("anna"), "");
        Web other = accounts.signedIn(base, accounts.organiser(fixtures.organiser("Andere")));
        for (String path :
                List.of(
                        page,
                        page + "/import",
                        page + "/" + c.id() + "/bearbeiten",
                        page + "/" + c.id() + "/loeschen",
                        "/verwaltung/buendnisse/" + alliance.id() + "/aufrufe")) {
            Web.Page answer = other.get(path);
            assertEquals(403, answer.status(), path);
            assertFalse(answer.text().contains(addr("anna")), path);
        }
        Web.Page own = web.get(page);
        String token = Web.csrf(own);
        Web.Page post =
                other.postWithToken(
                        other.csrfToken(),
                        page + "/" + c.id() + "/loeschen",
                        Map.of("csrfToken", other.csrfToken()));
        assertEquals(403, post.status());
        assertEquals(1, stored());
        assertFalse(token.isEmpty());
        // a platform admin may
        Web admin = accounts.signedIn(base, accounts.admin());
        assertStatus(200, admin.get(page));
    }

    @Test
    void contactsUnusedForTheRetentionTimeAreErased() {
        Contact old =
                data.contact(alliance, muenchen, "Olga Alt", SignerRole.MAYOR, addr("olga"), "");
        clock.set(NOW.plus(Duration.ofDays(400)));
        data.contact(
                alliance, fulda, "Nina Neu", SignerRole.DISTRICT_ADMINISTRATOR, addr("nina"), "");
        clock.set(NOW.plus(Duration.ofDays(731)));
        retention.run();
        assertEquals(
                List.of(addr("nina")),
                db
                        .rows(
                                "SELECT email FROM alliance_contact WHERE alliance_id = ?",
                                alliance.id())
                        .stream()
                        .map(r -> r.get("email"))
                        .toList());
        assertEquals(0, db.count("SELECT COUNT(*) FROM alliance_contact WHERE id = ?", old.id()));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_CONTACT_EXPIRED'"
                                + " AND details LIKE ?",
                        "%" + alliance.slug() + "%"));
    }
}
