package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
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
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Addresses and links in an appeal's text and in contact addresses are held to the rules of
 * signers' addresses: a look-alike address from mixed scripts is refused at save with a message
 * naming it, and never becomes a live link; an honest IDN address links by its ASCII form.
 */
@MicronautTest(transactional = false)
class AddressesInAppealTextsTest {

    /** „kontakt@stadt-frаnkfurt.de" with a Cyrillic „а". */
    static final String SPOOF = "kontakt@stadt-fr\u0430nkfurt.de";

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject TestClock clock;
    @Inject Db db;

    URI base;
    Web web;
    Organiser city;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        clock.set(Instant.parse("2026-02-01T10:00:00Z"));
        city = fixtures.organiser("Stadt Adressen");
        Account account = accounts.organiser(city);
        web = accounts.signedIn(base, account);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    static Map<String, Object> form(String slug, String body, String contact) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", "Adressen prüfen");
        f.put("slug", slug);
        f.put("addressee", "an die Bundesregierung");
        f.put("bodyMarkdown", body);
        f.put("contactEmail", contact);
        f.put("opensDate", "2026-02-02");
        f.put("opensTime", "09:00");
        f.put("deadlineDate", "2026-03-29");
        f.put("deadlineTime", "23:59");
        f.put("graceHours", "24");
        f.put("roles", List.of("MAYOR"));
        f.put("goal", "");
        f.put("action", "save");
        return f;
    }

    static String slug() {
        return "adressen-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Web.Page save(Map<String, Object> form) {
        return web.postForm("/verwaltung/aufrufe/neu", "/verwaltung/aufrufe/neu", form);
    }

    @Test
    void aMixedScriptAddressInTheTextIsRefusedNamingIt() {
        for (String body :
                List.of(
                        "Fragen an [unser Büro](mailto:" + SPOOF + ").",
                        "Fragen an <" + SPOOF + ">.",
                        "Fragen an " + SPOOF + " oder per Post.")) {
            String slug = slug();
            Web.Page page = save(form(slug, body, "kontakt@stadt.example"));
            assertEquals(422, page.status(), body);
            String error = page.doc().select("#bodyMarkdown-error, .field-error, .error").text();
            assertTrue(
                    page.text()
                            .contains(
                                    "Die Adresse „"
                                            + SPOOF
                                            + "“ im Text kann so nicht veröffentlicht werden"),
                    error + " / " + page.text());
            assertTrue(page.text().contains("mischt Schriften"), page.text());
            // the look-alike looks right: the message names the foreign letter
            assertTrue(
                    page.text().contains("„\u0430“ U+0430 CYRILLIC SMALL LETTER A"), page.text());
            assertEquals(0, db.count("SELECT COUNT(*) FROM appeal WHERE slug = ?", slug));
        }
        // a look-alike web address too
        Web.Page link =
                save(
                        form(
                                slug(),
                                "[Mehr](https://www.stadt-fr\u0430nkfurt.de/aufruf)",
                                "kontakt@stadt.example"));
        assertEquals(422, link.status());
        assertTrue(link.text().contains("https://www.stadt-fr\u0430nkfurt.de/aufruf"), link.text());
    }

    @Test
    void thePreviewShowsNoLiveLinkToALookAlike() {
        Map<String, Object> f =
                form(
                        slug(),
                        "Fragen an [unser Büro](mailto:" + SPOOF + ").",
                        "kontakt@stadt.example");
        f.put("action", "preview");
        Web.Page preview = save(f);
        assertEquals(200, preview.status());
        assertTrue(preview.text().contains("unser Büro"), preview.text());
        assertTrue(
                preview.doc().select("a[href*=mailto]").stream()
                        .noneMatch(a -> a.attr("href").contains("fr")),
                preview.body());
    }

    @Test
    void aMixedScriptContactIsRefusedNamingIt() {
        Web.Page page = save(form(slug(), "Ein Text.", SPOOF));
        assertEquals(422, page.status());
        assertTrue(
                page.text()
                        .contains(
                                "„"
                                        + SPOOF
                                        + "“ kann so nicht verwendet werden: Der Domainname mischt Schriften"),
                page.text());
    }

    @Test
    void anHonestIdnAddressIsSavedAndLinkedByItsAsciiForm() {
        String slug = slug();
        Web.Page saved =
                save(
                        form(
                                slug,
                                "Schreiben Sie an [das Rathaus](mailto:rathaus@müllheim.de) oder <https://www.müllheim.de/>.",
                                "kontakt@stadt.example"));
        assertEquals(303, saved.status(), saved.text());
        // the public page of such a text (published)
        Appeal appeal =
                fixtures.appeal(
                        city,
                        "IDN",
                        AppealStatus.OPEN,
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-12-31T22:59:59Z"),
                        "Schreiben Sie an [das Rathaus](mailto:rathaus@müllheim.de) oder [uns](mailto:"
                                + SPOOF
                                + ").");
        Document doc = new Web(base).get("/aufrufe/" + appeal.slug()).doc();
        assertEquals(
                "mailto:rathaus@xn--mllheim-n2a.de",
                doc.selectFirst("a:containsOwn(das Rathaus)").attr("href"));
        // one saved before the check: the words stay, the link does not
        assertNull(doc.selectFirst("a:containsOwn(uns)"), doc.body().html());
        assertTrue(doc.text().contains("oder uns."), doc.text());
    }
}
