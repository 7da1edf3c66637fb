package de.mitzeichnen.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.MessagePattern;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
                "5 von 1 Kommune oder Landkreis als Ziel",
                texts.format(Locale.GERMAN, "plural.counts.goal", Map.of("n", 1, "a", 5)));
        Properties de = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/i18n/messages_de.properties")) {
            de.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        int messages = 0;
        for (String key : new TreeSet<>(de.stringPropertyNames())) {
            if (!de.getProperty(key).contains(", plural,")) {
                continue;
            }
            messages++;
            for (Locale locale : new Locale[] {Locale.GERMAN, Locale.ENGLISH}) {
                CountMessage m = CountMessage.of(texts.raw(locale, key));
                assertFalse(m.numbers.isEmpty(), key);
                // every combination of 0, 1 and 2 for all its numbers
                for (Map<String, Object> args : m.combinations(List.of(0L, 1L, 2L))) {
                    String text = texts.format(locale, key, args);
                    assertFalse(text.contains("{") || text.contains("}"), key + " " + args);
                }
                // each number on its own, the others at every value: „one" has its own words
                // (where the message has a „one" form) and zero takes the plural (where it has
                // no „=0" form)
                for (String x : m.plurals.keySet()) {
                    Set<String> selectors = m.plurals.get(x);
                    for (Map<String, Object> others :
                            m.without(x).combinations(List.of(0L, 1L, 2L))) {
                        String one = render(locale, key, others, x, 1);
                        String five = render(locale, key, others, x, 5);
                        String zero = render(locale, key, others, x, 0);
                        String where = key + " (" + x + ", " + others + ", " + locale + ")";
                        if (selectors.contains("one")) {
                            assertNotEquals(five.replace("5", "1"), one, where + ": no singular");
                        }
                        if (!selectors.contains("=0")) {
                            assertEquals(five.replace("5", "0"), zero, where + ": zero");
                        }
                    }
                }
            }
        }
        assertTrue(messages > 40, "count messages found: " + messages);
    }

    private String render(
            Locale locale, String key, Map<String, Object> others, String name, long value) {
        Map<String, Object> args = new HashMap<>(others);
        args.put(name, value);
        return texts.format(locale, key, args);
    }

    @Test
    void theMapAndPerLandTextsAgreeWithEachOfTheirNumbers() {
        // the noun follows the total, the verb the supporters
        assertEquals(
                "Hamburg: 0 von 1 Kommune unterstützen den Aufruf (0 %)",
                landShare(Locale.GERMAN, "Hamburg", 0, 1, "0 %", 0));
        assertEquals(
                "Schleswig-Holstein: 1 von 1.104 Kommunen unterstützt den Aufruf (0,1 %)",
                landShare(Locale.GERMAN, "Schleswig-Holstein", 1, 1104, "0,1 %", 0));
        assertEquals(
                "Hessen: 2 von 421 Kommunen unterstützen den Aufruf (0,5 %), dazu 1 Landkreis",
                landShare(Locale.GERMAN, "Hessen", 2, 421, "0,5 %", 1));
        assertEquals(
                "Bayern: 1 von 2.056 Kommunen unterstützt den Aufruf (0 %), dazu 2 Landkreise",
                landShare(Locale.GERMAN, "Bayern", 1, 2056, "0 %", 2));
        assertEquals(
                "Hamburg: 0 of 1 municipality support the appeal (0%)",
                landShare(Locale.ENGLISH, "Hamburg", 0, 1, "0%", 0));
        assertEquals(
                "Schleswig-Holstein: 1 of 1,104 municipalities supports the appeal (0.1%)",
                landShare(Locale.ENGLISH, "Schleswig-Holstein", 1, 1104, "0.1%", 0));
        assertEquals(
                "Hesse: 2 of 421 municipalities support the appeal (0.5%), and 1 district",
                landShare(Locale.ENGLISH, "Hesse", 2, 421, "0.5%", 1));

        // one number per kind, never a Landkreis counted as a Kommune
        assertEquals("0 Kommunen", texts.places(Locale.GERMAN, 0, 0));
        assertEquals("1 Kommune", texts.places(Locale.GERMAN, 1, 0));
        assertEquals("1 Landkreis", texts.places(Locale.GERMAN, 0, 1));
        assertEquals("1 Kommune und 1 Landkreis", texts.places(Locale.GERMAN, 1, 1));
        assertEquals("4 Kommunen und 1 Landkreis", texts.places(Locale.GERMAN, 4, 1));
        assertEquals("1.104 Kommunen und 2 Landkreise", texts.places(Locale.GERMAN, 1104, 2));
        assertEquals("0 municipalities", texts.places(Locale.ENGLISH, 0, 0));
        assertEquals("1 district", texts.places(Locale.ENGLISH, 0, 1));
        assertEquals("1 municipality and 2 districts", texts.places(Locale.ENGLISH, 1, 2));
        assertEquals("4 municipalities and 1 district", texts.places(Locale.ENGLISH, 4, 1));

        // per Land in the hand-over document
        assertEquals(
                "Summe Hessen: 2 Kommunen und 1 Landkreis mit 1 Einwohner:in",
                texts.format(
                        Locale.GERMAN,
                        "export.handover.landTotal",
                        Map.of(
                                "land",
                                "Hessen",
                                "places",
                                texts.places(Locale.GERMAN, 2, 1),
                                "population",
                                1)));
        assertEquals(
                "Total Hesse: 1 municipality with 2 inhabitants",
                texts.format(
                        Locale.ENGLISH,
                        "export.handover.landTotal",
                        Map.of(
                                "land",
                                "Hesse",
                                "places",
                                texts.places(Locale.ENGLISH, 1, 0),
                                "population",
                                2)));

        // the verb after „4 Kommunen und 1 Landkreis" follows all of them together
        assertEquals(
                "Karte Deutschlands: 1 Kommune unterstützt den Aufruf",
                texts.format(
                        Locale.GERMAN,
                        "signing.map.label",
                        Map.of("p", texts.places(Locale.GERMAN, 1, 0), "t", 1)));
        assertEquals(
                "Karte Deutschlands: 1 Kommune und 1 Landkreis unterstützen den Aufruf",
                texts.format(
                        Locale.GERMAN,
                        "signing.map.label",
                        Map.of("p", texts.places(Locale.GERMAN, 1, 1), "t", 2)));
        assertEquals(
                "Map of Germany: 1 district supports the appeal",
                texts.format(
                        Locale.ENGLISH,
                        "signing.map.label",
                        Map.of("p", texts.places(Locale.ENGLISH, 0, 1), "t", 1)));
        assertEquals(
                "Verlauf: 1 Landkreis nach 1 Tag",
                texts.format(
                        Locale.GERMAN,
                        "public.timeline.chart",
                        Map.of("p", texts.places(Locale.GERMAN, 0, 1), "days", 1)));
        assertEquals(
                "Timeline: 2 municipalities after 3 days",
                texts.format(
                        Locale.ENGLISH,
                        "public.timeline.chart",
                        Map.of("p", texts.places(Locale.ENGLISH, 2, 0), "days", 3)));
    }

    private String landShare(
            Locale locale, String land, long supporting, long total, String share, long districts) {
        return texts.format(
                locale,
                "signing.map.landShare",
                Map.of("land", land, "a", supporting, "n", total, "share", share, "d", districts));
    }

    /**
     * The arguments of an ICU message: its numbers (those in a plural, select-ordinal or number
     * format) with the selectors of their plurals, and the rest, which get a text.
     */
    record CountMessage(Set<String> numbers, Map<String, Set<String>> plurals, Set<String> texts) {

        static CountMessage of(String pattern) {
            MessagePattern mp = new MessagePattern(pattern);
            Set<String> numbers = new TreeSet<>();
            Map<String, Set<String>> plurals = new TreeMap<>();
            Set<String> names = new TreeSet<>();
            Deque<String> open = new ArrayDeque<>();
            for (int i = 0; i < mp.countParts(); i++) {
                MessagePattern.Part part = mp.getPart(i);
                switch (part.getType()) {
                    case ARG_START -> {
                        String name = mp.getSubstring(mp.getPart(i + 1));
                        names.add(name);
                        MessagePattern.ArgType type = part.getArgType();
                        boolean number =
                                type == MessagePattern.ArgType.PLURAL
                                        || type == MessagePattern.ArgType.SELECTORDINAL
                                        || (type == MessagePattern.ArgType.SIMPLE
                                                && mp.getSubstring(mp.getPart(i + 2))
                                                        .equals("number"));
                        if (number) {
                            numbers.add(name);
                        }
                        if (type == MessagePattern.ArgType.PLURAL) {
                            plurals.computeIfAbsent(name, n -> new TreeSet<>());
                        }
                        open.push(type == MessagePattern.ArgType.PLURAL ? name : "");
                    }
                    case ARG_SELECTOR -> {
                        if (!open.isEmpty() && !open.peek().isEmpty()) {
                            plurals.get(open.peek()).add(mp.getSubstring(part));
                        }
                    }
                    case ARG_LIMIT -> open.pop();
                    default -> {}
                }
            }
            Set<String> rest = new TreeSet<>(names);
            rest.removeAll(numbers);
            return new CountMessage(numbers, plurals, rest);
        }

        CountMessage without(String name) {
            Set<String> n = new TreeSet<>(numbers);
            n.remove(name);
            return new CountMessage(n, plurals, texts);
        }

        /** Every assignment of the values to the numbers; the texts are „X". */
        List<Map<String, Object>> combinations(List<Long> values) {
            List<Map<String, Object>> out = new ArrayList<>();
            Map<String, Object> base = new HashMap<>();
            texts.forEach(t -> base.put(t, "X"));
            out.add(base);
            for (String n : numbers) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> partial : out) {
                    for (Long v : values) {
                        Map<String, Object> m = new HashMap<>(partial);
                        m.put(n, v);
                        next.add(m);
                    }
                }
                out = next;
            }
            return out;
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
