package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Console pages show personal data and town-hall PCs are shared: nothing under /verwaltung may be
 * kept by a browser or proxy. Walks the Router's routes, so a new console page is covered by
 * itself.
 */
@MicronautTest(transactional = false)
class ConsoleNoStoreTest {

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;

    @Test
    void everyConsoleRouteAnswersASignedInSessionWithNoStore() {
        URI base = URI.create(server.getURL().toString());
        Organiser organiser = fixtures.organiser("Stadt Ohne Cache");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Appeal appeal =
                fixtures.appeal(
                        organiser,
                        "Aufruf ohne Cache",
                        AppealStatus.OPEN,
                        now.minusSeconds(3600),
                        now.plusSeconds(30 * 86_400),
                        "Text.");
        Account admin = accounts.admin();
        Web web = accounts.signedIn(base, admin);
        List<String> walked = new ArrayList<>();
        int pages = 0;
        for (UriRouteInfo<?, ?> route :
                router.uriRoutes()
                        .filter(r -> r.getHttpMethod() == HttpMethod.GET)
                        .filter(r -> template(r).startsWith("/verwaltung"))
                        .toList()) {
            String path = address(route, appeal, organiser, admin);
            Web.Page page = web.get(path);
            assertEquals(
                    "no-store",
                    page.header("Cache-Control"),
                    "GET " + template(route) + " answered " + page.status());
            walked.add(path + " " + page.status());
            pages += page.status() == 200 ? 1 : 0;
        }
        assertTrue(pages >= 15, "pages answered 200: " + pages + " of " + walked);

        // a form answered with its errors shows what was typed: not kept either
        Web.Page invalid =
                web.postForm(
                        "/verwaltung/konten/neu",
                        "/verwaltung/konten/neu",
                        Web.form("email", "kein@", "password", "kurz"));
        assertEquals(422, invalid.status());
        assertEquals("no-store", invalid.header("Cache-Control"));
        // and the pages without a session: login, forgotten password, reset link
        Web anonymous = new Web(base);
        for (String path :
                List.of(
                        "/verwaltung/anmelden",
                        "/verwaltung/passwort-vergessen",
                        "/verwaltung/passwort-neu/ein-token-das-es-nicht-gibt-0123456789abcdef",
                        "/verwaltung/konten")) {
            assertEquals("no-store", anonymous.get(path).header("Cache-Control"), path);
        }
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString();
    }

    /** The route's address with real ids where the route names things that exist. */
    private static String address(
            UriRouteInfo<?, ?> route, Appeal appeal, Organiser organiser, Account account) {
        String template = template(route);
        Map<String, Object> values = new HashMap<>();
        for (String name : route.getUriMatchTemplate().getVariableNames()) {
            values.put(
                    name,
                    switch (name) {
                        case "id" ->
                                template.startsWith("/verwaltung/konten")
                                        ? account.id()
                                        : template.startsWith("/verwaltung/organisationen")
                                                ? organiser.id()
                                                : appeal.id();
                        case "slug" -> appeal.slug();
                        case "token" -> "ein-token-das-es-nicht-gibt-0123456789abcdef";
                        default -> 1;
                    });
        }
        return route.getUriMatchTemplate().expand(values);
    }
}
