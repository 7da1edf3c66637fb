package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks the Router's routes, so that a new route is covered without anyone remembering to: every
 * console route about an appeal refuses an organiser of another organisation (403); admin routes
 * refuse organisers; every console POST refuses a missing or forged form token; every POST refuses
 * a cross-site browser request; public GETs set no cookie.
 */
@MicronautTest(transactional = false)
class RouteProtectionTest {

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;
    @Inject MitzeichnenConfig config;

    URI base;
    Appeal appealOfB;

    @BeforeEach
    void setUp() {
        base = URI.create(server.getURL().toString());
        Organiser b = fixtures.organiser("Stadt B");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        appealOfB =
                fixtures.appeal(
                        b,
                        "Aufruf von B",
                        AppealStatus.OPEN,
                        now.minusSeconds(3600),
                        now.plusSeconds(30 * 86_400),
                        "Text von B.");
    }

    private List<UriRouteInfo<?, ?>> routes(String prefix) {
        List<UriRouteInfo<?, ?>> out = new ArrayList<>();
        router.uriRoutes()
                .filter(r -> template(r).startsWith(prefix))
                .filter(
                        r ->
                                r.getHttpMethod() != HttpMethod.HEAD
                                        && r.getHttpMethod() != HttpMethod.OPTIONS)
                .forEach(out::add);
        return out;
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString();
    }

    private static Set<String> secured(UriRouteInfo<?, ?> route) {
        return Set.of(route.getAnnotationMetadata().stringValues(Secured.class));
    }

    /**
     * The route's address with its variables filled in: the appeal of B, and harmless values for
     * the rest.
     */
    private String address(UriRouteInfo<?, ?> route, Appeal appeal) {
        Map<String, Object> values = new HashMap<>();
        for (String name : route.getUriMatchTemplate().getVariableNames()) {
            values.put(
                    name,
                    switch (name) {
                        case "id" -> appeal.id();
                        case "slug" -> appeal.slug();
                        case "token" -> "ein-token-das-es-nicht-gibt-0123456789abcdef";
                        default -> 1;
                    });
        }
        return route.getUriMatchTemplate().expand(values);
    }

    private static Web.Page send(
            Web web, UriRouteInfo<?, ?> route, String path, String... headers) {
        boolean upload =
                route.getConsumes().stream()
                        .anyMatch(t -> t.getName().equals("multipart/form-data"));
        if (!upload) {
            return send(web, route.getHttpMethod(), path, headers);
        }
        String boundary = "----mzRouteWalk";
        String body =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nname,email\r\n--"
                        + boundary
                        + "--\r\n";
        var b =
                HttpRequest.newBuilder(web.base().resolve(path))
                        .header("X-Forwarded-For", ConsoleAccounts.randomAddress())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return web.send(b.build());
    }

    private static Web.Page send(Web web, HttpMethod method, String path, String... headers) {
        var b =
                HttpRequest.newBuilder(web.base().resolve(path))
                        .header("X-Forwarded-For", ConsoleAccounts.randomAddress());
        if (headers.length > 0) {
            b.headers(headers);
        }
        if (method == HttpMethod.GET) {
            b.GET();
        } else {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(
                            method.name(),
                            HttpRequest.BodyPublishers.ofString("reason=x&version=0"));
        }
        return web.send(b.build());
    }

    @Test
    void organiserAIsRefusedOnEveryConsoleRouteAboutTheAppealOfOrganiserB() {
        Organiser a = fixtures.organiser("Stadt A");
        Web web = accounts.signedIn(base, accounts.organiser(a));
        String token = web.csrfToken();
        assertFalse(token.isEmpty(), "the login gave the browser a form token");
        int checked = 0;
        for (UriRouteInfo<?, ?> route : routes("/verwaltung")) {
            String template = template(route);
            boolean aboutAnAppeal = template.startsWith("/verwaltung/aufrufe/{");
            boolean adminOnly = secured(route).contains(ConsoleUser.PLATFORM_ADMIN);
            boolean open = secured(route).contains(SecurityRule.IS_ANONYMOUS);
            assertFalse(secured(route).isEmpty(), template + " declares who may use it (@Secured)");
            if (!aboutAnAppeal && !adminOnly) {
                continue;
            }
            assertFalse(open, template);
            String path = address(route, appealOfB);
            if (route.getHttpMethod() != HttpMethod.GET) {
                path = Web.withToken(path, token);
            }
            Web.Page page = send(web, route, path);
            assertEquals(
                    403,
                    page.status(),
                    route.getHttpMethod() + " " + template + ": " + page.text());
            assertTrue(page.text().contains("Kein Zugriff"), template + ": " + page.text());
            checked++;
        }
        assertTrue(checked >= 20, "walked " + checked + " routes");
        // The organiser's own pages still work, so the refusals above are about B's appeal.
        assertEquals(200, web.get("/verwaltung").status());
    }

    @Test
    void everyConsolePostRefusesAMissingOrForgedFormToken() {
        Web admin = accounts.signedIn(base, accounts.admin());
        String foreignToken = accounts.signedIn(base, accounts.admin()).csrfToken();
        int checked = 0;
        for (UriRouteInfo<?, ?> route : routes("/verwaltung")) {
            if (route.getHttpMethod() == HttpMethod.GET
                    || secured(route).contains(SecurityRule.IS_ANONYMOUS)) {
                continue;
            }
            String path = address(route, appealOfB);
            for (String[] attempt :
                    List.of(
                            new String[] {"missing", path},
                            new String[] {"forged", Web.withToken(path, "AAAA.BBBB")},
                            new String[] {
                                "another session's", Web.withToken(path, foreignToken)
                            })) {
                Web.Page page = send(admin, route, attempt[1]);
                assertEquals(
                        403,
                        page.status(),
                        attempt[0] + " token on " + template(route) + ": " + page.text());
                assertTrue(
                        page.text().contains("Das Formular ist abgelaufen"),
                        template(route) + ": " + page.text());
            }
            checked++;
        }
        assertTrue(checked >= 15, "walked " + checked + " routes");
        // With its own token the same browser gets through (here: logout).
        assertEquals(
                303,
                admin.postWithToken(admin.csrfToken(), "/verwaltung/abmelden", Map.of()).status());
    }

    @Test
    void everyPostRefusesACrossSiteBrowserRequest() {
        Web web = new Web(base);
        int checked = 0;
        for (UriRouteInfo<?, ?> route : routes("/")) {
            if (route.getHttpMethod() == HttpMethod.GET
                    || route.getHttpMethod() == HttpMethod.HEAD) {
                continue;
            }
            String path = address(route, appealOfB);
            for (String[] headers :
                    List.of(
                            new String[] {"Origin", "https://elsewhere.example"},
                            new String[] {"Sec-Fetch-Site", "cross-site"},
                            new String[] {"Sec-Fetch-Site", "same-site"},
                            new String[] {"Origin", "null"})) {
                Web.Page page = send(web, route, path, headers);
                assertEquals(
                        403,
                        page.status(),
                        headers[0] + ": " + headers[1] + " on " + template(route));
                assertTrue(
                        page.text().contains("von einer anderen Website"),
                        template(route) + ": " + page.text());
            }
            checked++;
        }
        assertTrue(checked >= 20, "walked " + checked + " routes");
    }

    @Test
    void sameOriginBrowserRequestsAndNonBrowsersPass() {
        Web web = new Web(base);
        String sign = "/aufrufe/" + appealOfB.slug() + "/unterzeichnen";
        // An incomplete form: the form's own answer (422), not a refusal.
        Web.Page same =
                send(
                        web,
                        HttpMethod.POST,
                        sign,
                        "Origin",
                        config.getBaseUrl(),
                        "Sec-Fetch-Site",
                        "same-origin");
        assertEquals(422, same.status(), config.getBaseUrl() + ": " + same.text());
        assertEquals(
                422,
                send(web, HttpMethod.POST, sign, "Origin", "null", "Sec-Fetch-Site", "same-origin")
                        .status());
        assertEquals(
                422,
                send(web, HttpMethod.POST, sign).status(),
                "no browser headers: a script or a test");
        Web.Page en = send(web, HttpMethod.POST, sign + "?lang=en", "Sec-Fetch-Site", "cross-site");
        assertTrue(en.text().contains("This form was sent from another website"), en.text());
    }

    @Test
    void publicPagesSetNoCookie() {
        Web web = new Web(base);
        for (String path :
                List.of("/", "/aufrufe/" + appealOfB.slug(), "/daten", "/verwaltung/anmelden")) {
            Web.Page page = web.get(path);
            assertEquals(200, page.status(), path);
            assertNull(page.header("Set-Cookie"), path);
        }
    }
}
