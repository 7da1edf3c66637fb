package de.mitzeichnen.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invitation lists as offices keep them: role words in their usual spellings, and names checked
 * like the form.
 */
@MicronautTest(transactional = false)
class InvitationListSpellingsTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    Appeal appeal;
    Web web;
    String tag;
    String page;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        URI base = URI.create(server.getURL().toString());
        Organiser city = fixtures.organiser("Stadt Schreibweisen");
        appeal =
                fixtures.appeal(
                        city,
                        "Schreibweisen der Ämter",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"),
                        "Ein Aufruf.");
        web = accounts.signedIn(base, accounts.organiser(city));
        tag = Fixtures.unique("s").substring(2);
        page = "/verwaltung/aufrufe/" + appeal.id() + "/einladungen";
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    String addr(String who) {
        return who + "-" + tag + "@amt.example";
    }

    Document preview(String... rows) {
        String csv =
                "Name;E-Mail;Funktion;Gemeinde;Gremium\r\n" + String.join("\r\n", rows) + "\r\n";
        Web.Page form = web.get(page);
        assertEquals(200, form.status(), form.text());
        Web.Page preview =
                web.postFile(
                        Web.csrf(form),
                        page + "/vorschau",
                        "file",
                        "liste.csv",
                        csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, preview.status(), preview.text());
        return preview.doc();
    }

    /** The problems the preview lists for each row, in file order. */
    static List<String> problems(Document doc) {
        return doc.select("table.invitation-preview tbody tr").stream()
                .map(tr -> String.join(" | ", tr.select(".problem").eachText()))
                .toList();
    }

    @Test
    void usualRoleWordsHaveNoRoleProblem() {
        Document doc =
                preview(
                        "Olga Ober;" + addr("olga") + ";Oberbürgermeisterin;06412000;",
                        "Lars Land;" + addr("lars") + ";Landrat;Landkreis Fulda;",
                        "Gerda Rat;" + addr("gerda") + ";Gemeinderätin;14612000;Gemeinderat",
                        "Bea Stern;" + addr("bea") + ";Bürgermeister*in;05315000;",
                        "Erik Erst;" + addr("erik") + ";Erste/r Bürgermeister/in;01002000;",
                        "Kai Kreis;" + addr("kai") + ";Kreistagsmitglied;06631;",
                        "Udo Unklar;" + addr("udo") + ";Hausmeister;06412000;");
        assertEquals(
                List.of(
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "Funktion unbekannt – bitte z. B. Bürgermeister/in, Oberbürgermeister/in, Erste/r Bürgermeister/in,"
                                + " Beigeordnete/r, Dezernent/in, Stadtrat/Stadträtin, Gemeinderat/Gemeinderätin,"
                                + " Ratsmitglied, Bezirksausschuss, Landrat/Landrätin, Kreisrat/Kreisrätin oder"
                                + " Kreistagsmitglied"),
                problems(doc));
        assertEquals(6, doc.select("tr.row-ok").size());
        Element olga = doc.select("table.invitation-preview tbody tr").get(0);
        assertEquals("Oberbürgermeister:in", olga.select("td").get(3).text());
    }

    @Test
    void namesWithLineBreaksBidiOverridesOrAddressesAreRefusedAndNothingIsStored() {
        Document doc =
                preview(
                        "\"Anna\nMeier\";" + addr("anna") + ";Bürgermeisterin;06412000;",
                        "Bob \u202Eredliw;" + addr("bob") + ";Bürgermeister;06412000;",
                        "Carl www.wahl-jetzt.de;" + addr("carl") + ";Bürgermeister;06412000;",
                        "Dora Dorf;" + addr("dora") + ";Stadträtin;06412000;\"Rat\nder Stadt\"",
                        "Emma Echt;" + addr("emma") + ";Bürgermeisterin;06412000;");
        assertEquals(
                List.of(
                        "Name enthält einen Zeilenumbruch, ein Steuerzeichen oder eine Schreibrichtungs-Umkehr",
                        "Name enthält einen Zeilenumbruch, ein Steuerzeichen oder eine Schreibrichtungs-Umkehr",
                        "Name enthält eine Internetadresse",
                        "Gremium enthält einen Zeilenumbruch, ein Steuerzeichen oder eine Schreibrichtungs-Umkehr",
                        ""),
                problems(doc));
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM invitation WHERE appeal_id = ?", appeal.id()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Bürgermeister|MAYOR",
                "Bürgermeisterin|MAYOR",
                "bürgermeister/in|MAYOR",
                "Bürgermeister:in|MAYOR",
                "Bürgermeister*in|MAYOR",
                "Bürgermeister/-in|MAYOR",
                "  BÜRGERMEISTERIN  |MAYOR",
                "Buergermeister|MAYOR",
                "Oberbürgermeister/in|LORD_MAYOR",
                "Oberbürgermeisterin|LORD_MAYOR",
                "OB|LORD_MAYOR",
                "Erste/r Bürgermeister/in|MAYOR",
                "Zweite Bürgermeisterin|DEPUTY_MAYOR",
                "Stellvertretender Bürgermeister|DEPUTY_MAYOR",
                "Beigeordnete/r|DEZERNENT",
                "Beigeordneter|DEZERNENT",
                "Erste Beigeordnete|DEZERNENT",
                "Dezernent/in|DEZERNENT",
                "Dezernentin|DEZERNENT",
                "Stadtrat/Stadträtin|COUNCILLOR",
                "Stadtrat/-rätin|COUNCILLOR",
                "Stadträtin|COUNCILLOR",
                "Stadträt:in|COUNCILLOR",
                "Gemeinderat/Gemeinderätin|COUNCILLOR",
                "Gemeinderätin|COUNCILLOR",
                "Ratsmitglied|COUNCILLOR",
                "Landrat/Landrätin|DISTRICT_ADMINISTRATOR",
                "Landrätin|DISTRICT_ADMINISTRATOR",
                "Landrat|DISTRICT_ADMINISTRATOR",
                "Kreisrat/Kreisrätin|DISTRICT_COUNCILLOR",
                "Kreisrätin|DISTRICT_COUNCILLOR",
                "Kreistagsmitglied|DISTRICT_COUNCILLOR",
                "Bezirksausschuss|DISTRICT_COMMITTEE",
                "Mitglied des Bezirksausschusses|DISTRICT_COMMITTEE",
                "Ortsbeirat|DISTRICT_COMMITTEE"
            })
    void roleWordsMapToRoles(String word, SignerRole role) {
        assertEquals(Optional.of(role), RoleWords.parse(word));
    }

    @ParameterizedTest
    @CsvSource({"Hausmeister", "Stadtrat/Landrat", "Bürger", "Rat"})
    void otherWordsAreNoRole(String word) {
        assertEquals(Optional.empty(), RoleWords.parse(word));
    }
}
