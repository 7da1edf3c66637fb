package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The security headers on every kind of response, and pages that need nothing inline. */
@MicronautTest(transactional = false)
class SecurityHeadersTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;

    /**
     * Pages and the console allow no other origin to read them; the open API allows every origin
     * with the fixed value "*" (never the caller's origin echoed, never with credentials).
     */
    @Test
    void noOtherOriginMayReadAnswers() {
        URI base = URI.create(server.getURL().toString());
        Web web = new Web(base);
        for (String path : List.of("/", "/verwaltung/anmelden")) {
            Web.Page p = web.get(path, "Origin", "https://evil.example");
            assertNull(p.header("Access-Control-Allow-Origin"), path);
            assertNull(p.header("Access-Control-Allow-Credentials"), path);
        }
        Web.Page api = web.get("/api/v1/appeals", "Origin", "https://evil.example");
        assertEquals("*", api.header("Access-Control-Allow-Origin"));
        assertNull(api.header("Access-Control-Allow-Credentials"));
        Web.Page preflight =
                web.send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/appeals"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://evil.example")
                                .header("Access-Control-Request-Method", "POST")
                                .build());
        assertNull(preflight.header("Access-Control-Allow-Credentials"));
        assertFalse("https://evil.example".equals(preflight.header("Access-Control-Allow-Origin")));
    }

    @Test
    void everyPageTypeCarriesTheHeaders() {
        Appeal appeal =
                fixtures.appeal(
                        "Kopfzeilen sicher",
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        URI base = URI.create(server.getURL().toString());
        Web web = new Web(base);
        Web admin = accounts.signedIn(base, accounts.admin());
        List<Web.Page> pages =
                List.of(
                        web.get("/"),
                        web.get("/aufrufe/" + appeal.slug()),
                        web.get("/gibt-es-nicht"),
                        web.get("/static/style.css"),
                        web.get("/api/v1/municipalities?q=Kassel"),
                        web.get("/health"),
                        web.get("/bestaetigen/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"),
                        web.get("/verwaltung/anmelden"),
                        admin.get("/verwaltung"),
                        web.get("/test-only/boom"));
        for (Web.Page p : pages) {
            String where = p.raw().uri() + " " + p.status();
            String csp = p.header("Content-Security-Policy");
            assertTrue(
                    csp != null
                            && csp.contains("script-src 'self'")
                            && csp.contains("style-src 'self'")
                            && csp.contains("img-src 'self' data:")
                            && csp.contains("frame-ancestors 'none'"),
                    where + csp);
            assertFalse(csp.contains("unsafe-inline"), where);
            assertEquals("nosniff", p.header("X-Content-Type-Options"), where);
            assertEquals("DENY", p.header("X-Frame-Options"), where);
            assertTrue(p.header("Permissions-Policy").contains("camera=()"), where);
            assertNull(
                    p.header("Strict-Transport-Security"), "no HSTS on an http base URL: " + where);
            String referrer = p.header("Referrer-Policy");
            assertEquals(
                    p.raw().uri().getPath().startsWith("/bestaetigen/")
                            ? "no-referrer"
                            : "strict-origin-when-cross-origin",
                    referrer,
                    where);
            if (p.header("Content-Type") != null
                    && p.header("Content-Type").startsWith("text/html")) {
                for (Element e : p.doc().getAllElements()) {
                    assertFalse(
                            e.tagName().equals("script") && !e.hasAttr("src"),
                            "inline script on " + where);
                    assertFalse(e.hasAttr("style"), "inline style on " + where);
                    e.attributes()
                            .forEach(
                                    a ->
                                            assertFalse(
                                                    a.getKey().startsWith("on"),
                                                    "handler on " + where));
                }
                assertFalse(p.doc().select("style").size() > 0, "style element on " + where);
            }
        }
    }

    @Test
    void languageLinksAreBuiltFromTheRouteNotTheRawPath() {
        Web web = new Web(URI.create(server.getURL().toString()));
        Web.Page page =
                web.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "//evil.example/"))
                                .GET()
                                .build());
        assertTrue(page.status() < 500, page.body());
        for (Element a : page.doc().select("a[hreflang]")) {
            assertFalse(a.attr("href").startsWith("//"), a.outerHtml());
            assertTrue(a.attr("href").startsWith("/"), a.outerHtml());
        }
        assertFalse(page.body().contains("//evil.example/?lang="), page.body());
        Web.Page appeal = web.get("/gibt/es/nicht");
        assertEquals(
                "/gibt/es/nicht?lang=en", appeal.doc().selectFirst("a[hreflang=en]").attr("href"));
    }
}
