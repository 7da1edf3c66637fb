package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.QueryThreads;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every GET route, as a visitor and as a signed-in admin: no database statement may run on a Netty
 * event-loop thread (the JDBC driver records the thread of every statement, see {@link
 * QueryThreads}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoBlockingOnEventLoopTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject Fixtures fixtures;
    @Inject ConsoleAccounts accounts;

    @Override
    public Map<String, String> getProperties() {
        de.mitzeichnen.testsupport.TestDatabase.start();
        String url = System.getProperty("datasources.default.url");
        return Map.of(
                "datasources.default.url",
                url + (url.contains("?") ? "&" : "?") + QueryThreads.URL_PARAMETER);
    }

    @Test
    void noRouteTouchesTheDatabaseOnAnEventLoop() {
        Appeal appeal =
                fixtures.appeal(
                        "Ereignisschleife frei",
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        URI base = URI.create(server.getURL().toString());
        Web visitor = new Web(base).withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Web admin = accounts.signedIn(base, accounts.admin());

        List<String> paths = new ArrayList<>();
        router.uriRoutes()
                .filter(r -> r.getHttpMethod() == HttpMethod.GET)
                .map(UriRouteInfo::getUriMatchTemplate)
                .map(Object::toString)
                .distinct()
                .forEach(template -> paths.add(fill(template, appeal)));
        assertTrue(paths.size() > 20, "expected the app's GET routes, found " + paths);
        paths.addAll(
                List.of(
                        "/",
                        "/aufrufe/" + appeal.slug(),
                        "/health",
                        "/static/style.css",
                        "/api/v1/municipalities?q=Kassel"));

        QueryThreads.clear();
        for (String path : paths) {
            visitor.get(path);
            admin.get(path);
        }
        List<QueryThreads.Recorded> recorded = QueryThreads.recorded();
        assertTrue(
                recorded.size() > 50,
                "the driver must have recorded the routes' statements: " + recorded.size());
        Set<String> onEventLoop = new TreeSet<>();
        recorded.stream()
                .filter(r -> QueryThreads.eventLoop(r.thread()))
                .forEach(r -> onEventLoop.add(r.thread() + ": " + r.sql()));
        assertTrue(onEventLoop.isEmpty(), "statements on an event loop: " + onEventLoop);
    }

    private static String fill(String template, Appeal appeal) {
        String path =
                template.replaceAll("\\{[^}]*slug[^}]*}", appeal.slug())
                        .replaceAll("\\{[^}]*id[^}]*}", String.valueOf(appeal.id()))
                        .replaceAll(
                                "\\{[^}]*token[^}]*}",
                                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
                        .replaceAll("\\{[^}]*}", "x");
        return path.isEmpty() ? "/" : path;
    }
}
