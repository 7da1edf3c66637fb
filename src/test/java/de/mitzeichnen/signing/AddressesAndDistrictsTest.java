package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.link;
import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Addresses are what they look like (UTS #46 / UTS #39, the ASCII form on the wire, byte-exact
 * uniqueness), Landkreise sign, and foreign places typed by signers appear in the type-ahead only
 * once confirmed.
 */
@MicronautTest(transactional = false)
class AddressesAndDistrictsTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;
    @Inject JsonMapper json;

    Web web;
    Appeal appeal;
    String tag;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Adressen und Kreise",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
        tag = Fixtures.unique("a").substring(2);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    private String row(String sql, Object... params) {
        Object v = db.row(sql, params).values().iterator().next();
        return v == null ? null : v.toString();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "ob2-TAG@muenℭhen.de, ob2-TAG@muenchen.de",
        "bm2-TAG@ℱrankfurt.de, bm2-TAG@frankfurt.de",
        "ob3-TAG@mueｎchen.de, ob3-TAG@muenchen.de",
        "ob4-TAG@münchen.de, ob4-TAG@xn--mnchen-3ya.de"
    })
    void lookAlikeAndInternationalAddressesReachExactlyTheirAsciiForm(String typed, String ascii)
            throws Exception {
        String email = typed.replace("TAG", tag);
        String expected = ascii.replace("TAG", tag);
        Web.Page page = sign(web, appeal.slug(), validForm(email));
        assertEquals(303, page.status(), page.text());
        MimeMessage mail = mails(expected, 1).get(0);
        assertEquals(
                expected,
                ((InternetAddress) mail.getRecipients(MimeMessage.RecipientType.TO)[0])
                        .getAddress());
        assertEquals(
                expected, row("SELECT email_key FROM signature WHERE appeal_id = ?", appeal.id()));
        // nothing went anywhere else (each character cut to its low byte gave "muen-hen.de",
        // "1rankfurt.de")
        String local = expected.substring(0, expected.indexOf('@') + 1);
        for (MimeMessage m : TestSmtp.greenMail().getReceivedMessages()) {
            String to =
                    ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0])
                            .getAddress();
            assertTrue(!to.startsWith(local) || to.equals(expected), to);
        }
    }

    @Test
    void aCyrillicMixedDomainIsRefusedAtTheForm() {
        // "muеnchen.de" with a Cyrillic е (U+0435)
        Web.Page page = sign(web, appeal.slug(), validForm("ob-" + tag + "@mu\u0435nchen.de"));
        assertEquals(422, page.status(), page.text());
        assertTrue(page.text().contains("Der Domainname mischt Schriften"), page.text());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
    }

    @Test
    void aNonAsciiLocalPartIsRefusedWithItsOwnMessage() {
        Web.Page page = sign(web, appeal.slug(), validForm("jürgen-" + tag + "@kiel.de"));
        assertEquals(422, page.status(), page.text());
        assertTrue(page.text().contains("Der Teil vor dem @"), page.text());
    }

    @Test
    void signersAreUniqueByTheExactKeySoUmlautAndPlainLetterAreTwoPeople() {
        // Umlauts before the @ are refused at the form (no SMTPUTF8), so the case is made in the
        // key column itself:
        // under the former utf8mb4_unicode_ci "müller…" and "muller…" collided in the unique index.
        assertEquals(
                303, sign(web, appeal.slug(), validForm("muller-" + tag + "@kiel.de")).status());
        assertEquals(
                303, sign(web, appeal.slug(), validForm("zweite-" + tag + "@kiel.de")).status());
        assertEquals(
                1,
                db.update(
                        "UPDATE signature SET email_key = ? WHERE appeal_id = ? AND email_key = ?",
                        "müller-" + tag + "@kiel.de",
                        appeal.id(),
                        "zweite-" + tag + "@kiel.de"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND email_key = ?",
                        appeal.id(),
                        "muller-" + tag + "@kiel.de"));
        assertEquals(
                1,
                db.count(
                        "SELECT COUNT(*) FROM signature WHERE appeal_id = ? AND email_key = ?",
                        appeal.id(),
                        "müller-" + tag + "@kiel.de"));
        // a repeat of the plain address finds its own signature, not the other one
        assertEquals(
                303, sign(web, appeal.slug(), validForm("Muller-" + tag + "@kiel.de")).status());
        assertEquals(
                2, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
    }

    private JsonNode search(String q) throws Exception {
        Web.Page page =
                web.get("/api/v1/municipalities?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, page.status(), page.body());
        return json.readValue(page.body(), JsonNode.class);
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.coerceStringValue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Landkreis Fulda, 06631, Landkreis Fulda, Landkreis, Hessen",
        "Märkischer Kreis, 05962, Märkischer Kreis, Kreis, Nordrhein-Westfalen",
        "Kreis Unna, 05978, Kreis Unna, Kreis, Nordrhein-Westfalen",
        "Region Hannover, 03241, Region Hannover, Landkreis, Niedersachsen",
        "Regionalverband, 10041, Regionalverband Saarbrücken, Regionalverband, Saarland",
        "06631, 06631, Landkreis Fulda, Landkreis, Hessen"
    })
    void landkreiseAreFoundByTheSearchApiWithTheirTypeAndKey(
            String q, String key, String name, String type, String land) throws Exception {
        JsonNode first = search(q).values().iterator().next();
        assertEquals(key, text(first, "ags"));
        assertEquals(name, text(first, "name"));
        assertEquals(type, text(first, "type"));
        assertEquals(land, text(first, "state"));
        assertTrue(Integer.parseInt(text(first, "population")) > 100_000, first.toString());
        assertNull(first.get("district"));
    }

    @Test
    void aCityComesBeforeTheLandkreisOfItsName() throws Exception {
        // as documented in the README
        List<String> names = new ArrayList<>();
        search("fulda").values().forEach(hit -> names.add(text(hit, "name")));
        assertEquals(
                List.of(
                        "Fulda",
                        "Fuldatal",
                        "Fuldabrück",
                        "Rotenburg a. d. Fulda",
                        "Landkreis Fulda"),
                names);
    }

    @Test
    void aKreisfreieStadtStaysAMunicipality() throws Exception {
        JsonNode first = search("Kassel").values().iterator().next();
        assertEquals("06611000", text(first, "ags"));
        // its Kreis key finds the city by the AGS prefix, but no district
        search("06611")
                .values()
                .forEach(hit -> assertEquals(8, text(hit, "ags").length(), hit.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Landkreis Fulda, DISTRICT_ADMINISTRATOR, 06631",
        "Märkischer Kreis, DISTRICT_COUNCILLOR, 05962",
        "Kreis Unna, DISTRICT_DEPUTY, 05978",
        "Landkreis Fulda (06631), DISTRICT_ADMINISTRATOR, 06631"
    })
    void aDistrictOfficialSignsForTheLandkreisAndTheSignatureStoresItsKey(
            String place, String role, String key) {
        String email = "landrat-" + tag + "@landkreis-fulda.de";
        Map<String, String> form = validForm(email);
        form.put("municipality", place);
        form.put("role", role);
        Web.Page page = sign(web, appeal.slug(), form);
        assertEquals(303, page.status(), page.text());
        Map<String, Object> row =
                db.row(
                        "SELECT district_ags, municipality_ags, foreign_municipality_id, role"
                                + " FROM signature WHERE appeal_id = ?",
                        appeal.id());
        assertEquals(key, row.get("district_ags"));
        assertNull(row.get("municipality_ags"));
        assertNull(row.get("foreign_municipality_id"));
        assertEquals(role, row.get("role"));
        // the confirmation mail and page name the Landkreis
        MimeMessage mail = mails(email, 1).get(0);
        String confirm = link(mail, "/bestaetigen/");
        String name = place.replace(" (06631)", "");
        assertTrue(SigningTestSupport.text(mail).contains(name), SigningTestSupport.text(mail));
        assertTrue(web.get(confirm).text().contains(name));
        assertEquals(200, pressButton(web, confirm).status());
        assertEquals(
                "CONFIRMED", row("SELECT status FROM signature WHERE appeal_id = ?", appeal.id()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
        "Landkreis Fulda, MAYOR, Für einen Landkreis unterzeichnen",
        "Fulda, DISTRICT_ADMINISTRATOR, Diese Funktion gehört zu einem Landkreis"
    })
    void rolesMustFitTheKindOfPlace(String place, String role, String message) {
        Map<String, String> form = validForm("r-" + tag + "@stadt.example");
        form.put("municipality", place);
        form.put("role", role);
        Web.Page page = sign(web, appeal.slug(), form);
        assertEquals(422, page.status(), page.text());
        assertTrue(page.text().contains(message), page.text());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
    }

    @Test
    void aForeignPlaceAppearsInTheTypeAheadOnlyOnceASignatureForItIsConfirmed() throws Exception {
        String place = "Zzyzxdorf " + tag;
        Map<String, String> form = validForm("maire-" + tag + "@mairie.example");
        form.put("country", "FR");
        form.put("municipality", place);
        assertEquals(303, sign(web, appeal.slug(), form).status());
        assertEquals(0, search(place).size(), "an unconfirmed name is shown to nobody");
        String confirm = link(mails("maire-" + tag + "@mairie.example", 1).get(0), "/bestaetigen/");
        assertEquals(0, search(place).size(), "opening the link confirms nothing");
        assertEquals(200, pressButton(web, confirm).status());
        JsonNode found = search(place);
        assertEquals(1, found.size(), found.toString());
        assertEquals("FR", text(found.values().iterator().next(), "country"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "%_%|Der Ortsname muss Buchstaben enthalten.",
                "123 456|Der Ortsname muss Buchstaben enthalten.",
                "www.spam-shop.example|sieht aus wie eine Web- oder E-Mail-Adresse",
                "Spamville https://kaufen.example|sieht aus wie eine Web- oder E-Mail-Adresse",
                "Spamville Werbung Kaufen Sie Jetzt Unsere Produkte Zum Besten Preis|länger als 60 Zeichen"
            })
    void implausibleForeignPlaceNamesAreRefusedWithAMessage(String place, String message)
            throws Exception {
        Map<String, String> form = validForm("f-" + tag + "@mairie.example");
        form.put("country", "FR");
        form.put("municipality", place);
        Web.Page page = sign(web, appeal.slug(), form);
        assertEquals(422, page.status(), page.text());
        assertTrue(page.text().contains(message), page.text());
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
        assertEquals(0, search(place).size());
    }
}
