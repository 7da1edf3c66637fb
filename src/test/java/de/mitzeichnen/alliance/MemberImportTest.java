package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.audit.Actor;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members from a town hall's list, as the invitation import works: a preview explains every bad row
 * and stores nothing; the confirmation stores the good rows (CSV in Windows-1252 with semicolons,
 * and XLSX with numbers and dates as Excel keeps them).
 */
@MicronautTest(transactional = false)
class MemberImportTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject Alliances alliances;
    @Inject Memberships memberships;

    Web web;
    Organiser city;
    Alliance alliance;
    String page;

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        city = fixtures.organiser("Stadt Import");
        web = accounts.signedIn(URI.create(server.getURL().toString()), accounts.organiser(city));
        alliance =
                alliances
                        .create(
                                Actor.system(),
                                city.id(),
                                new Alliances.Details(
                                        "Import-Bündnis",
                                        Fixtures.unique("imp").toLowerCase(),
                                        "Text",
                                        null,
                                        "kontakt@import.example",
                                        true))
                        .saved();
        // an open membership the file must not overlap
        assertTrue(
                memberships
                        .add(
                                alliance,
                                new Memberships.NewMember(
                                        memberships.target("12054000", "DE").orElseThrow(),
                                        LocalDate.of(2019, 6, 14),
                                        null,
                                        "Potsdamer Erklärung",
                                        null),
                                Actor.system())
                        .ok());
        page = "/verwaltung/buendnisse/" + alliance.id() + "/mitglieder/import";
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    long members() {
        return db.count(
                "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ?", alliance.id());
    }

    long zurich() {
        return db.count(
                "SELECT COUNT(*) FROM foreign_municipality WHERE country = 'CH' AND normalized_name = 'zurich'");
    }

    Web.Page preview(String fileName, byte[] content, Map<String, String> fields) {
        Web.Page form = web.get(page);
        assertEquals(200, form.status(), form.text());
        return web.postMultipart(
                Web.csrf(form),
                page + "/vorschau",
                fields,
                "file",
                fileName,
                "application/octet-stream",
                content);
    }

    Web.Page confirm(Web.Page preview) {
        Element form = preview.doc().selectFirst("form[action*=/import/eintragen]");
        assertNotNull(form, preview.text());
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        return web.post(form.attr("action"), fields);
    }

    @Test
    void thePreviewExplainsEveryBadRowAndStoresNothingThenTheGoodRowsAreStored() {
        byte[] csv =
                String.join(
                                "\r\n",
                                "AGS;Name;Beitritt;Austritt;Grundlage;Staat",
                                "09162000;München;14.06.2019;;Stadtratsbeschluss vom 12.06.2019;",
                                ";Kiel;01.02.2020;;;",
                                "1001000;Flensburg;2020-03-01;;;",
                                ";Xyzzyhausen;01.01.2020;;;",
                                "05315000;Köln;31.02.2020;;;",
                                "06412000;Frankfurt am Main;01.01.2028;;;",
                                "09162000;München;01.01.2021;;;",
                                "06631;Landkreis Fulda;01.01.2021;;Kreistagsbeschluss;",
                                ";Zürich;10.10.2020;;;CH",
                                "05315000;Köln;01.01.2020;01.01.2019;;",
                                "12054000;Potsdam;01.01.2022;;;",
                                ";Ortschaft;01.01.2020;;;Atlantis")
                        .concat("\r\n")
                        .getBytes(Charset.forName("windows-1252"));
        long zurichBefore = zurich();
        Web.Page preview = preview("mitglieder.csv", csv, Map.of());
        assertEquals(200, preview.status(), preview.text());
        Document doc = preview.doc();
        assertEquals(
                "5 Mitgliedschaften bereit, 7 Zeilen mit Problemen",
                doc.selectFirst(".preview-counts").text());
        assertEquals(12, doc.select("table.member-preview tbody tr").size());
        assertEquals(
                List.of(
                        "Diese Kommune oder diesen Landkreis gibt es im Gemeindeverzeichnis nicht. Bitte prüfen Sie Namen oder Gemeindeschlüssel.",
                        "Das Beitrittsdatum ist kein gültiges Datum (etwa 14.06.2019).",
                        "Das Beitrittsdatum liegt mehr als ein Jahr in der Zukunft (spätestens 15.01.2027).",
                        "Diese Kommune steht für denselben Zeitraum schon weiter oben in der Datei.",
                        "Der Austritt muss nach dem Beitritt am 01.01.2020 liegen.",
                        "Diese Kommune ist schon Mitglied – seit 14.06.2019. Eine zweite Mitgliedschaft darf sich damit nicht überschneiden.",
                        "Diesen Staat kennen wir nicht. Bitte geben Sie den zweistelligen Ländercode an (etwa CH) oder den Namen des Staats."),
                doc.select("td.problems .problem").eachText());
        List<String> ok = doc.select("tr.row-ok td:nth-child(3)").eachText();
        assertEquals(
                List.of(
                        "München (09162000)",
                        "Kiel (01002000)",
                        "Flensburg (01001000)",
                        "Landkreis Fulda (06631)",
                        "Zürich (CH)"),
                ok);
        // nothing stored, not even the place abroad
        assertEquals(1, members());
        assertEquals(zurichBefore, zurich());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'ALLIANCE_MEMBERS_IMPORTED' AND organiser_id = ?",
                        city.id()));

        Web.Page stored = confirm(preview);
        assertEquals(303, stored.status(), stored.text());
        assertEquals(
                "/verwaltung/buendnisse/" + alliance.id() + "/mitglieder?ok=imported&n=5",
                stored.header("Location"));
        assertEquals(6, members());
        assertEquals(
                "Stadtratsbeschluss vom 12.06.2019",
                db.row(
                                "SELECT basis FROM alliance_member WHERE alliance_id = ? AND municipality_ags = '09162000'",
                                alliance.id())
                        .get("basis"));
        String details =
                db.row(
                                "SELECT details FROM audit_entry WHERE action = 'ALLIANCE_MEMBERS_IMPORTED' AND organiser_id = ?",
                                city.id())
                        .get("details")
                        .toString();
        assertTrue(
                details.contains("\"added\":5") && details.contains("\"withProblems\":7"), details);
        assertTrue(
                web.get(stored.header("Location"))
                        .text()
                        .contains("5 Mitgliedschaften sind aus der Datei eingetragen."));

        // the same file again: every row now overlaps, nothing to store
        Web.Page again = preview("mitglieder.csv", csv, Map.of());
        assertEquals(
                "Keine Mitgliedschaft bereit, 12 Zeilen mit Problemen",
                again.doc().selectFirst(".preview-counts").text());
        assertEquals(null, again.doc().selectFirst("form[action*=/import/eintragen]"));
    }

    @Test
    void anExcelFileWithNumbersAndDatesAsExcelKeepsThemAndADefaultDate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "Rathaus", "1.0");
        Worksheet ws = wb.newWorksheet("Mitglieder");
        ws.value(0, 0, "Gemeindeschlüssel");
        ws.value(0, 1, "Gemeinde");
        ws.value(0, 2, "Beitritt");
        // Kiel's AGS as Excel keeps it: a number without its leading zero
        ws.value(1, 0, 1002000);
        ws.value(1, 1, "Kiel, Landeshauptstadt");
        ws.value(1, 2, LocalDate.of(2019, 6, 14));
        ws.style(1, 2).format("dd.mm.yyyy").set();
        ws.value(2, 1, "Landkreis Fulda");
        wb.finish();

        Web.Page preview =
                preview("mitglieder.xlsx", out.toByteArray(), Map.of("joinedOn", "2020-02-01"));
        assertEquals(200, preview.status(), preview.text());
        Document doc = preview.doc();
        assertEquals(
                "2 Mitgliedschaften bereit, keine Zeile mit Problemen",
                doc.selectFirst(".preview-counts").text());
        assertEquals(
                List.of("2019-06-14", "01.02.2020"),
                doc.select("tr.row-ok td:nth-child(4)").eachText());
        assertEquals(303, confirm(preview).status());
        assertEquals(3, members());
        assertEquals(
                "2020-02-01",
                db.row(
                                "SELECT joined_on FROM alliance_member WHERE alliance_id = ? AND district_ags = '06631'",
                                alliance.id())
                        .get("joined_on")
                        .toString());
    }

    @Test
    void theFoundingMembersListOfSichereHaefenReadsWithTheFormsDateAndBasis() throws IOException {
        byte[] sample =
                java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of(
                                "src/main/resources/demo/sichere-haefen-gruendungsmitglieder.csv"));
        Web.Page preview =
                preview(
                        "sichere_haefen_gruendungsmitglieder.csv",
                        sample,
                        Map.of("joinedOn", "2019-06-14", "basis", "Potsdamer Erklärung"));
        assertEquals(200, preview.status(), preview.text());
        // Potsdam is a member already (set up above): 11 of the 12 founding members are new
        assertEquals(
                "11 Mitgliedschaften bereit, 1 Zeile mit Problemen",
                preview.doc().selectFirst(".preview-counts").text());
        assertTrue(
                preview.doc().selectFirst("tr.row-problem").text().contains("Potsdam"),
                preview.doc().selectFirst("tr.row-problem").text());
        assertEquals(303, confirm(preview).status());
        assertEquals(
                12,
                db.count(
                        "SELECT COUNT(*) FROM alliance_member WHERE alliance_id = ? AND joined_on = '2019-06-14'",
                        alliance.id()));
    }

    @Test
    void aFileWithoutAPlaceColumnOrNotAListAtAllIsRefusedAsAWhole() {
        Web.Page noPlace =
                preview(
                        "x.csv",
                        "Datum;Notiz\n01.01.2020;x\n".getBytes(Charset.forName("UTF-8")),
                        Map.of());
        assertEquals(422, noPlace.status());
        assertTrue(noPlace.text().contains("Spalte mit dem Gemeindeschlüssel"), noPlace.text());
        Web.Page xls =
                preview(
                        "alt.xls",
                        new byte[] {
                            (byte) 0xD0,
                            (byte) 0xCF,
                            0x11,
                            (byte) 0xE0,
                            (byte) 0xA1,
                            (byte) 0xB1,
                            0x1A,
                            (byte) 0xE1,
                            0,
                            0
                        },
                        Map.of());
        assertEquals(422, xls.status());
        assertTrue(xls.text().contains("alte Excel-Format"), xls.text());
        assertEquals(1, members());
    }
}
