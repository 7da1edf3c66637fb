package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint shows what operators watch and refuses anyone who is not the operator.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.metrics-addresses", value = "127.0.0.0/8, ::1")
class MetricsTest {

    @Inject EmbeddedServer server;
    @Inject de.mitzeichnen.testsupport.Fixtures fixtures;

    @Test
    void operatorsFromTheConfiguredAddressesSeeTheMetricsProxiedRequestsDoNot() {
        Web web = new Web(URI.create(server.getURL().toString()));
        web.get("/");
        web.get("/aufrufe/gibt-es-nicht");
        web.get(
                "/aufrufe/"
                        + fixtures.appeal(
                                        "Gemessen",
                                        de.mitzeichnen.appeal.AppealStatus.OPEN,
                                        Instant.now().minusSeconds(60),
                                        Instant.now().plusSeconds(86400))
                                .slug());
        Web.Page metrics = web.get("/prometheus");
        assertEquals(200, metrics.status(), metrics.body());
        String body = metrics.body();
        for (String name :
                new String[] {
                    "mitzeichnen_outbox_queued",
                    "mitzeichnen_outbox_oldest_age_seconds",
                    "mitzeichnen_mail_sent_total",
                    "mitzeichnen_mail_failed_total",
                    "http_server_requests_seconds_count",
                    "hikaricp_connections_active"
                }) {
            assertTrue(
                    body.contains(name),
                    name + " missing in\n" + body.substring(0, Math.min(body.length(), 3000)));
        }
        String requests =
                body.lines()
                        .filter(l -> l.startsWith("http_server_requests_seconds_count"))
                        .collect(Collectors.joining("\n"));
        assertTrue(
                requests.contains("uri=\"/aufrufe/{slug}\""),
                "requests by route template: " + requests);
        assertTrue(requests.contains("status=\"404\""), "requests by status: " + requests);
        assertEquals(404, web.get("/prometheus", "X-Forwarded-For", "198.51.100.7").status());
        assertEquals(404, web.get("/prometheus", "Forwarded", "for=198.51.100.7").status());
    }

    @Test
    void withATokenOnlyTheTokenOpensIt() {
        try (EmbeddedServer other =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "mitzeichnen.metrics-token",
                                "geheimes-Metrik-Token-0123456789",
                                "mitzeichnen.mail.poll-interval",
                                "1h"),
                        "test")) {
            Web web = new Web(URI.create(other.getURL().toString()));
            assertEquals(404, web.get("/prometheus").status());
            assertEquals(404, web.get("/prometheus", "Authorization", "Bearer falsch").status());
            Web.Page ok =
                    web.get(
                            "/prometheus",
                            "Authorization",
                            "Bearer geheimes-Metrik-Token-0123456789");
            assertEquals(200, ok.status());
            assertTrue(ok.body().contains("mitzeichnen_outbox_queued"));
        }
    }

    @Test
    void withoutTokenOrAddressesNobodyGetsInNotEvenFromThisMachine() {
        try (EmbeddedServer other =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of("mitzeichnen.mail.poll-interval", "1h"),
                        "test")) {
            Web web = new Web(URI.create(other.getURL().toString()));
            // a proxy on this machine that adds no forwarding header looks exactly like this
            assertEquals(404, web.get("/prometheus").status());
            assertEquals(404, web.get("/prometheus", "Authorization", "Bearer ").status());
            assertEquals(200, web.get("/health").status());
        }
    }
}
