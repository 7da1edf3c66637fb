package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several instances behind one address: a session and a form token from one instance count on
 * another, because the signing secret is generated once and kept in the shared database; an
 * instance with another secret (MITZEICHNEN_SESSION_SECRET) rejects them.
 */
class SessionsAcrossInstancesTest {

    private static EmbeddedServer instance(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("micronaut.server.port", -1);
        return ApplicationContext.run(EmbeddedServer.class, props, Environment.TEST);
    }

    @Test
    void sessionsAndFormTokensWorkOnEveryInstanceSharingTheDatabase() {
        try (EmbeddedServer first = instance(Map.of());
                EmbeddedServer second = instance(Map.of())) {
            Account admin = first.getApplicationContext().getBean(ConsoleAccounts.class).admin();
            Web web =
                    first.getApplicationContext()
                            .getBean(ConsoleAccounts.class)
                            .signedIn(URI.create(first.getURL().toString()), admin);
            String session = web.cookie(Sessions.COOKIE);
            String form = web.cookie("mz_csrf");

            Web other = new Web(URI.create(second.getURL().toString()));
            String cookies = Sessions.COOKIE + "=" + session + "; " + "mz_csrf=" + form;
            Web.Page page = other.get("/verwaltung", "Cookie", cookies);
            assertEquals(200, page.status(), "the other instance knows the session");
            Web.Page logout =
                    other.send(
                            HttpRequest.newBuilder(
                                            other.base()
                                                    .resolve(
                                                            Web.withToken(
                                                                    "/verwaltung/abmelden", form)))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Cookie", cookies)
                                    .POST(HttpRequest.BodyPublishers.ofString(""))
                                    .build());
            assertEquals(303, logout.status(), "and accepts the form token of the first");
            assertEquals(
                    303,
                    web.get("/verwaltung").status(),
                    "logged out on the second, ended on the first too");

            Web again =
                    first.getApplicationContext()
                            .getBean(ConsoleAccounts.class)
                            .signedIn(URI.create(first.getURL().toString()), admin);
            try (EmbeddedServer foreign =
                    instance(
                            Map.of(
                                    "mitzeichnen.security.session-secret",
                                    "ein-ganz-anderes-Geheimnis-fuer-diese-Instanz"))) {
                Web stranger = new Web(URI.create(foreign.getURL().toString()));
                Web.Page rejected =
                        stranger.get(
                                "/verwaltung",
                                "Cookie",
                                Sessions.COOKIE + "=" + again.cookie(Sessions.COOKIE));
                assertEquals(
                        303, rejected.status(), "signed with another secret: not a session here");
            }
        }
    }
}
