package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.TcpProxy;
import de.mitzeichnen.testsupport.TestDatabase;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database reached through a proxy the test controls: frozen, stopped, back again. Static files
 * and the health check never wait for it; pages answer quickly with the friendly 503; the service
 * recovers by itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFaultsTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;

    TcpProxy proxy;

    @Override
    public Map<String, String> getProperties() {
        TestDatabase.start();
        String url = System.getProperty("datasources.default.url");
        Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        assertTrue(m.find(), url);
        try {
            proxy = new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "datasources.default.url",
                proxy.proxied(url),
                "mitzeichnen.mail.poll-interval",
                "1h");
    }

    @AfterAll
    void stopProxy() throws IOException {
        proxy.forward();
    }

    @Test
    void frozenThenStoppedDatabase() throws Exception {
        Appeal appeal =
                fixtures.appeal(
                        "Datenbank weg",
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        Web web = new Web(URI.create(server.getURL().toString()));
        assertEquals(200, web.get("/aufrufe/" + appeal.slug()).status());
        assertEquals(200, web.get("/health").status(), web.get("/health").body());

        // frozen: connections stay open, nothing comes back
        proxy.hang();
        try {
            long t0 = System.nanoTime();
            Web.Page css = web.get("/static/style.css");
            assertEquals(200, css.status());
            assertTrue(millisSince(t0) < 1000, "static file took " + millisSince(t0) + " ms");
            t0 = System.nanoTime();
            Web.Page health = web.get("/health");
            long took = millisSince(t0);
            assertEquals(503, health.status(), health.body());
            assertTrue(health.body().contains("DOWN"), health.body());
            assertTrue(took < 2000, "health took " + took + " ms");
            assertEquals(200, web.get("/static/style.css").status());
        } finally {
            proxy.down();
        }

        // stopped: pages say so quickly, in the reader's language
        for (String lang : new String[] {"de", "en"}) {
            long t0 = System.nanoTime();
            Web.Page page = web.get("/aufrufe/" + appeal.slug() + "?lang=" + lang);
            long took = millisSince(t0);
            assertEquals(503, page.status(), page.body());
            assertTrue(took < 2000, "page took " + took + " ms");
            assertTrue(
                    page.header("Retry-After") != null
                            && Integer.parseInt(page.header("Retry-After")) > 0);
            assertTrue(
                    page.text()
                            .contains(
                                    lang.equals("de")
                                            ? "Gerade nicht erreichbar"
                                            : "Temporarily unavailable"),
                    page.text());
        }
        long t0 = System.nanoTime();
        assertEquals(503, web.get("/health").status());
        assertTrue(millisSince(t0) < 2000);
        assertEquals(200, web.get("/static/style.css").status());

        // back: the service recovers by itself
        proxy.forward();
        long until = System.nanoTime() + 15_000_000_000L;
        int status = 0;
        while (System.nanoTime() < until) {
            status = web.get("/aufrufe/" + appeal.slug()).status();
            if (status == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(200, status);
        assertEquals(200, web.get("/health").status(), web.get("/health").body());
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
