package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad input comes back as the form (422) with a message at the field and the entered values
 * kept.
 */
@MicronautTest(transactional = false)
class SignFormValidationTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2025-11-20T10:00:00Z"));
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Ein Aufruf",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name|''|Bitte geben Sie Ihren Namen an.",
                "name|LONG|Der Name darf höchstens 200 Zeichen lang sein.",
                "name|Erika www.beste-preise.example|ohne Internetadresse",
                "name|Erika https://x.example/a|ohne Internetadresse",
                "name|=HYPERLINK(\"http://x\")|nicht mit =, +, - oder @ beginnen",
                "name|+49 Erika|nicht mit =, +, - oder @ beginnen",
                "name|-Erika|nicht mit =, +, - oder @ beginnen",
                "name|@Erika|nicht mit =, +, - oder @ beginnen",
                "name|Erika BELL|Steuerzeichen",
                "role|KING|kann diesen Aufruf nicht unterzeichnen",
                "role|''|Bitte wählen Sie Ihre Funktion.",
                "roleOther|''|Bitte beschreiben Sie Ihre Funktion.",
                "body|LONG|höchstens 200 Zeichen",
                "municipality|Xyzzyhausen an der Nirgendwo|Diese Kommune kennen wir nicht",
                "municipality|''|Bitte geben Sie Ihre Stadt",
                "municipality|99999999|Diese Kommune kennen wir nicht",
                "country|XX|Bitte wählen Sie einen Staat aus der Liste.",
                "email|erika@|Das ist keine gültige E-Mail-Adresse.",
                "email|erika mustermann@stadt.example|Das ist keine gültige E-Mail-Adresse.",
                "email|erika@stadt|Der Teil nach dem @ ist kein gültiger Domainname.",
                "email|''|Bitte geben Sie Ihre E-Mail-Adresse an.",
                "email|erika@stadt.example NEWLINE Bcc: x@y.example|Steuerzeichen",
                "privacy|''|Datenschutzhinweise gelesen haben"
            })
    void badInputIsRefusedWithAMessageAtTheFieldAndNothingIsStored(
            String field, String value, String message) {
        String email = "v-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        Map<String, String> form = validForm(email);
        String v =
                switch (value) {
                    case "LONG" -> "x".repeat(201);
                    default -> value.replace("BELL", "\u0007").replace(" NEWLINE ", "\r\n");
                };
        if (field.equals("roleOther")) {
            form.put("role", "OTHER");
        }
        if (field.equals("privacy")) {
            form.remove("privacy");
        } else {
            form.put(field, v);
        }
        if (field.equals("email")) {
            email = v;
        }
        Web.Page page = sign(web, appeal.slug(), form);
        assertEquals(422, page.status(), page.text());
        Document doc = page.doc();
        assertTrue(page.text().contains(message), page.text());
        assertNotNull(doc.selectFirst(".has-error .field-error"));
        if (!field.equals("name")) {
            assertEquals("Erika Mustermann", doc.selectFirst("input[name=name]").attr("value"));
        }
        if (!field.equals("email")) {
            assertEquals(email, doc.selectFirst("input[name=email]").attr("value"));
        }
        assertEquals(
                0, db.count("SELECT COUNT(*) FROM signature WHERE appeal_id = ?", appeal.id()));
    }

    @Test
    void messagesFollowThePageLanguage() {
        web.get("/?lang=en");
        Map<String, String> form =
                validForm("x-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example");
        form.put("name", "");
        Web.Page page = sign(web, appeal.slug(), form);
        assertEquals(422, page.status());
        assertTrue(page.text().contains("Please enter your name."), page.text());
    }

    @Test
    void anAmbiguousNameOffersAChoiceAndTheChoiceIsTaken() {
        String email = "n-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        Map<String, String> form = validForm(email);
        form.put("municipality", "Neustadt");
        Web.Page page = sign(web, appeal.slug(), form);
        assertEquals(422, page.status());
        assertTrue(
                page.text().contains("Bitte wählen Sie Ihre Kommune aus der Liste."), page.text());
        var options = page.doc().select("input[type=radio][name=municipalityChoice]");
        // every Neustadt of the register, told apart by Kreis and Land, none chosen, the text field
        // kept
        assertTrue(options.size() >= 17, page.text());
        for (String place :
                List.of(
                        "Neustadt in Holstein",
                        "Neustadt an der Weinstraße",
                        "Neustadt a.d.Waldnaab",
                        "Neustadt am Kulm",
                        "Neustadt/Vogtl.",
                        "Neustadt (Dosse)",
                        "Neustadt (Wied)",
                        "Neustadt an der Orla")) {
            assertTrue(
                    options.stream().anyMatch(o -> o.attr("value").startsWith(place)),
                    place + " missing");
        }
        assertEquals(0, page.doc().select("input[type=radio][checked]").size());
        assertEquals(
                "Neustadt", page.doc().selectFirst("input#municipality[type=text]").attr("value"));
        assertTrue(
                page.doc()
                                .selectFirst("label[for=municipality-choice-3]")
                                .text()
                                .contains("Landkreis")
                        || page.doc()
                                .selectFirst("label[for=municipality-choice-3]")
                                .text()
                                .contains("Kreis"));
        String chosen = options.get(1).attr("value");
        form.put("municipalityChoice", chosen);
        assertEquals(303, sign(web, appeal.slug(), form).status());
        String ags = chosen.substring(chosen.lastIndexOf('(') + 1, chosen.lastIndexOf(')'));
        assertEquals(
                ags,
                db.row("SELECT municipality_ags FROM signature WHERE email_key = ?", email)
                        .get("municipality_ags"));
    }

    @Test
    void aUniqueNameIsResolvedWithoutAsking() {
        String email = "p-" + UUID.randomUUID().toString().substring(0, 8) + "@stadt.example";
        Map<String, String> form = validForm(email);
        form.put("municipality", "Frankfurt am Main");
        assertEquals(303, sign(web, appeal.slug(), form).status());
        assertEquals(
                "06412000",
                db.row("SELECT municipality_ags FROM signature WHERE email_key = ?", email)
                        .get("municipality_ags"));
    }

    @Test
    void garbageNeverGivesAServerError() {
        Web.Page page =
                web.post(
                        "/aufrufe/" + appeal.slug() + "/unterzeichnen",
                        Map.of(
                                "csrfToken",
                                SigningTestSupport.csrf(web.get("/aufrufe/" + appeal.slug())),
                                "name",
                                "\u0000\uFFFF",
                                "role",
                                "\uD83D\uDE00",
                                "municipality",
                                "%%%",
                                "email",
                                "@@@"));
        assertEquals(422, page.status());
        assertFalse(page.text().contains("Etwas ist schiefgegangen"));
    }
}
