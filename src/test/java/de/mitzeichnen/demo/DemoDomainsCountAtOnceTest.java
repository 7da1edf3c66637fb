package de.mitzeichnen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Mails;
import de.mitzeichnen.testsupport.TestSmtp;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fresh development start registers the official mail domains of the demo places, so that the
 * README's „Try it" works: an Oberbürgermeisterin on muenchen.de who confirms counts at once.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.demo", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDomainsCountAtOnceTest {

    static final String SLUG = "migration-als-chance";

    @Inject EmbeddedServer server;
    @Inject Db db;
    @Inject ConsoleAccounts accounts;

    @AfterAll
    void tearDown() {
        // the other test classes share the database and sign with such addresses for other places
        db.update("DELETE FROM municipality_domain WHERE source = ?", DemoData.DEMO_SOURCE);
    }

    /** The page's form token, or the one the browser holds (public forms carry none). */
    static String token(Web.Page page, Web web) {
        Element input = page.doc().selectFirst("input[name=csrfToken]");
        return input == null ? web.csrfToken() : input.attr("value");
    }

    /** The public number whose label contains the word („Kommunen", „Unterschrift"). */
    long counted(Web web, String label) {
        return web.get("/aufrufe/" + SLUG).doc().select(".count").stream()
                .filter(c -> c.selectFirst(".l").text().contains(label))
                .mapToLong(c -> Long.parseLong(c.selectFirst(".n").text().replace(".", "")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aMuenchenOfficialCountsAtOnceOnAFreshStart() {
        Web web = new Web(URI.create(server.getURL().toString()));
        long before = counted(web, "Unterschrift");
        String email = "ob-" + UUID.randomUUID().toString().substring(0, 8) + "@muenchen.de";
        Web.Page appealPage = web.get("/aufrufe/" + SLUG);
        assertEquals(200, appealPage.status());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrfToken", token(appealPage, web));
        form.put("name", "Dieter Beispiel");
        form.put("role", "LORD_MAYOR");
        form.put("body", "");
        form.put("municipality", "München");
        form.put("country", "DE");
        form.put("email", email);
        form.put("privacy", "on");
        assertEquals(303, web.post("/aufrufe/" + SLUG + "/unterzeichnen", form).status());
        String confirm =
                Mails.link(
                        TestSmtp.awaitMessagesTo(email, 1, Duration.ofSeconds(15)).get(0),
                        "/bestaetigen/");
        Web.Page look = web.get(confirm);
        Web.Page thanks = web.post(confirm, Map.of("csrfToken", token(look, web)));
        assertEquals(
                "Vielen Dank – Ihre Unterschrift zählt!", thanks.doc().selectFirst("h1").text());
        assertEquals(
                "OFFICIAL_DOMAIN",
                db.row("SELECT trust FROM signature WHERE email_key = ?", email).get("trust"));
        assertEquals(before + 1, counted(web, "Unterschrift"));
        if (before == 0) {
            // a fresh start: the public count of municipalities is 1
            assertEquals(1, counted(web, "Kommune"));
        }
        assertTrue(
                web.get("/aufrufe/" + SLUG)
                        .doc()
                        .select("ul.supporters li")
                        .text()
                        .contains("München"));
    }

    @Test
    void theConsoleListsTheDemoDomainsWithTheirSourceAndRemovesOne() {
        Web admin = accounts.signedIn(URI.create(server.getURL().toString()), accounts.admin());
        Web.Page page = admin.get("/verwaltung/register?domain=kiel");
        assertEquals(200, page.status());
        Element row =
                page.doc().select("table.domain-list tbody tr").stream()
                        .filter(tr -> tr.child(0).text().equals("kiel.de"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(page.body()));
        assertTrue(row.child(1).text().startsWith("Kiel"), row.text());
        assertEquals("Demo-Daten", row.child(2).text());
        String action = row.selectFirst("form").attr("action");
        assertNotNull(action);

        Web.Page removed = admin.postEncoded(action, "");
        assertEquals(303, removed.status(), removed.body());
        Web.Page after = admin.get(removed.header("Location"));
        assertTrue(after.text().contains("Die Domain kiel.de ist entfernt."), after.text());
        assertFalse(
                after.doc().select("table.domain-list td").eachText().contains("kiel.de"),
                after.text());
        assertEquals(
                0,
                db.count(
                        "SELECT COUNT(*) FROM municipality_domain WHERE domain = 'kiel.de' AND source = 'demo'"));
        assertTrue(
                db.count(
                                "SELECT COUNT(*) FROM audit_entry WHERE action = 'DOMAIN_REMOVED' AND details LIKE '%kiel.de%'")
                        > 0);
        // the audit log names it in words
        assertTrue(
                admin.get("/verwaltung/protokoll")
                        .text()
                        .contains("Amtliche Mail-Domain entfernt"));
        // the others stay, listed without a search too
        assertTrue(
                admin.get("/verwaltung/register")
                        .doc()
                        .select("table.domain-list td")
                        .eachText()
                        .contains("muenchen.de"));
    }
}
