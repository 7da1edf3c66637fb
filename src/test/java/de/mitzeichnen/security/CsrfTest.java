package de.mitzeichnen.security;

import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class CsrfTest {

    @Inject
    EmbeddedServer server;

    Web web;

    @BeforeEach
    void setUp() {
        web = new Web(URI.create(server.getURL().toString()));
    }

    @Test
    void thePublicSignFormPathIsCoveredWithoutATokenItIsAFriendlyForbiddenPage() {
        Web.Page page = web.post("/aufrufe/x/unterzeichnen", Web.form("name", "Eva"));
        assertEquals(403, page.status());
        assertTrue(page.text().contains("Das Formular ist abgelaufen. Bitte laden Sie die Seite neu."), page.text());
        assertNotNull(page.doc().selectFirst("footer"));
        Web.Page en = web.post("/aufrufe/x/unterzeichnen?lang=en", Web.form("name", "Eva"));
        assertTrue(en.text().contains("The form has expired. Please reload the page."), en.text());
    }

    @Test
    void jsonRequestsAndReadingAreNotAffected() {
        Web.Page json = web.send(java.net.http.HttpRequest.newBuilder(web.base().resolve("/api/v1/nichts"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(404, json.status(), "the API answers for itself, without a form token");
        assertEquals(200, web.get("/").status());
        assertEquals(null, web.get("/static/style.css").header("Set-Cookie"), "no token for static files");
    }

    @Test
    void aPostWithTheRightTokenOnAnUnknownAddressIsThePlainNotFoundPage() {
        String token = Web.csrf(web.get("/verwaltung/anmelden"));
        Web.Page page = web.postWithToken(token, "/aufrufe/x/unterzeichnen", Web.form("name", "Eva"));
        assertEquals(404, page.status());
        assertTrue(page.text().contains("Seite nicht gefunden"));
    }

    @Test
    void everyPageCarriesTheTokenAndTheCookieIsHttpOnlyAndLax() {
        Web.Page page = web.get("/verwaltung/anmelden");
        assertEquals(200, page.status());
        String token = Web.csrf(page);
        String setCookie = page.raw().headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("mz_csrf=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertEquals(token, web.cookie("mz_csrf"));
        // The next page keeps the same token.
        assertEquals(token, Web.csrf(web.get("/verwaltung/anmelden")));
    }
}
