package de.mitzeichnen.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.config.ProductionStartTest;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TestClock;
import de.mitzeichnen.testsupport.Web;
import de.mitzeichnen.web.Texts;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign form's error answer, its language links, plural texts, the privacy page and its start-up
 * guard.
 */
@MicronautTest(transactional = false)
class JourneyPagesTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Texts texts;

    Web web;
    Appeal appeal;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
        appeal =
                fixtures.appeal(
                        "Sprach-Aufruf",
                        AppealStatus.OPEN,
                        clock.instant().minus(1, ChronoUnit.DAYS),
                        clock.instant().plus(10, ChronoUnit.DAYS));
    }

    @Test
    void aFailedSubmitLinksEveryErrorToItsFieldAndItsLanguageLinksAnswer200() {
        Web.Page page =
                SigningTestSupport.sign(
                        web, appeal.slug(), Map.of("name", "Erika", "email", "kaputt"));
        assertEquals(422, page.status());
        assertTrue(page.doc().title().startsWith("Fehler: Sprach-Aufruf"), page.doc().title());
        assertTrue(
                page.doc()
                        .selectFirst("form.stack")
                        .attr("action")
                        .endsWith("/unterzeichnen?lang=de#form"));
        var links = page.doc().select("[data-error-summary] a");
        assertTrue(links.size() >= 3, page.text());
        for (Element link : links) {
            String id = link.attr("href").substring(1);
            Element field = page.doc().getElementById(id);
            assertNotNull(field, "error link to a missing field: " + id);
            assertEquals("true", field.attr("aria-invalid"), id);
            for (String described : field.attr("aria-describedby").split(" ")) {
                assertNotNull(
                        page.doc().getElementById(described),
                        id + " describedby missing " + described);
            }
            assertTrue(field.attr("aria-describedby").contains(id + "-error"), id);
        }
        assertEquals("Erika", page.doc().getElementById("name").attr("value"));
        assertEquals("municipality-hint", page.doc().getElementById("municipality-hint").id());

        for (Element lang : page.doc().select("nav.lang a")) {
            String href = lang.attr("href");
            assertEquals(
                    "/aufrufe/" + appeal.slug() + "?lang=" + lang.attr("hreflang") + "#form", href);
            Web.Page switched = web.get(href.substring(0, href.indexOf('#')));
            assertEquals(200, switched.status(), href);
        }
        Web.Page english = web.get("/aufrufe/" + appeal.slug() + "?lang=en");
        assertEquals(200, english.status());
        // the shared (cookie-free) English page posts its form in English
        assertTrue(english.doc().selectFirst("form.stack").attr("action").contains("lang=en"));
        Web.Page englishErrors =
                web.post(
                        "/aufrufe/" + appeal.slug() + "/unterzeichnen?lang=en", Map.of("name", ""));
        assertTrue(englishErrors.doc().title().startsWith("Error: "), englishErrors.doc().title());
    }

    @Test
    void everyCountMessageHasItsPluralFormsInBothLanguages() throws IOException {
        assertEquals("1 Kommune", texts.plural(Locale.GERMAN, "plural.municipalities", 1));
        assertEquals("0 Kommunen", texts.plural(Locale.GERMAN, "plural.municipalities", 0));
        assertEquals("2 Kommunen", texts.plural(Locale.GERMAN, "plural.municipalities", 2));
        assertEquals("1.234 Kommunen", texts.plural(Locale.GERMAN, "plural.municipalities", 1234));
        assertEquals("1 municipality", texts.plural(Locale.ENGLISH, "plural.municipalities", 1));
        assertEquals("2 municipalities", texts.plural(Locale.ENGLISH, "plural.municipalities", 2));
        assertEquals(
                "Kommune unterstützt den Aufruf",
                texts.plural(Locale.GERMAN, "plural.counts.municipalities", 1));
        assertEquals(
                "Kommunen unterstützen den Aufruf",
                texts.plural(Locale.GERMAN, "plural.counts.municipalities", 2));
        assertEquals(
                "bestätigte Unterschrift",
                texts.plural(Locale.GERMAN, "plural.counts.signatures", 1));
        assertEquals(
                "5 von 1 Kommune als Ziel",
                texts.plural(Locale.GERMAN, "plural.counts.goal", 1, "5"));
        Properties de = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/i18n/messages_de.properties")) {
            de.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (String key : de.stringPropertyNames()) {
            if (!key.startsWith("plural.")) {
                continue;
            }
            for (Locale locale : new Locale[] {Locale.GERMAN, Locale.ENGLISH}) {
                String one = texts.plural(locale, key, 1, "3");
                String two = texts.plural(locale, key, 2, "3");
                String zero = texts.plural(locale, key, 0, "3");
                assertFalse(one.contains("{") || two.contains("{") || zero.contains("{"), key);
                assertFalse(one.equals(two), key + " has no singular in " + locale);
                assertEquals(
                        zero, two.replace("2", "0"), key + ": zero takes the plural in " + locale);
            }
        }
    }

    @Test
    void theAppealPageSaysOneWhenThereIsOne() {
        Web.Page page = web.get("/aufrufe/" + appeal.slug() + "?lang=de");
        assertTrue(page.text().contains("0 Kommunen unterstützen den Aufruf"), page.text());
        assertTrue(page.text().contains("0 bestätigte Unterschriften"), page.text());
    }

    @Test
    void thePrivacyNoticeAndImprintAreGeneratedAndLinkedFromFooterAndConsent() {
        Web.Page appealPage = web.get("/aufrufe/" + appeal.slug() + "?lang=de");
        assertNotNull(appealPage.doc().selectFirst("#privacy-hint a[href=/datenschutz]"));
        assertNotNull(appealPage.doc().selectFirst("footer a[href=/datenschutz]"));
        assertNotNull(appealPage.doc().selectFirst("footer a[href=/impressum]"));
        Web.Page de = web.get("/datenschutz?lang=de");
        assertEquals(200, de.status());
        assertTrue(
                de.text().contains("Ihre Rechte") && de.text().contains("Fassung 2025-11"),
                de.text());
        Web.Page en = web.get("/datenschutz?lang=en");
        assertTrue(en.text().contains("Your rights"), en.text());
        assertEquals(200, web.get("/impressum").status());
    }

    @Test
    void aPublicServiceWithoutPrivacyNoticeDoesNotStart() {
        RuntimeException e =
                assertThrows(
                        RuntimeException.class,
                        () -> {
                            Map<String, Object> withoutPrivacy = ProductionStartTest.production();
                            withoutPrivacy.remove("mitzeichnen.legal.controller");
                            withoutPrivacy.remove("mitzeichnen.legal.contact");
                            try (ApplicationContext ignored =
                                    ApplicationContext.run(withoutPrivacy, Environment.TEST)) {
                                // started: no error
                            }
                        });
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(
                messages.toString().contains("MITZEICHNEN_PRIVACY_URL")
                        && messages.toString().contains("MITZEICHNEN_PRIVACY_CONTROLLER"),
                messages.toString());
    }

    @Test
    void aPublicServiceWithPrivacyDataStarts() {
        try (ApplicationContext context =
                ApplicationContext.run(ProductionStartTest.production(), Environment.TEST)) {
            assertTrue(context.isRunning());
        }
    }
}
