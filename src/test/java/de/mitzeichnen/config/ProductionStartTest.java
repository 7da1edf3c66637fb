package de.mitzeichnen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import de.mitzeichnen.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A public base URL means production: no start without SMTP host or without secrets from the
 * environment.
 */
public class ProductionStartTest {

    static final String SECRET = "ein-langes-Sitzungsgeheimnis-nur-fuer-Tests-0123456789";
    static final String IP_KEY = "ein-langer-Schluessel-fuer-Adressen-nur-fuer-Tests-9876";

    /** Everything a public (non-local) service needs to start; tests take one piece away. */
    public static Map<String, Object> production() {
        TestDatabase.start();
        Map<String, Object> p = new HashMap<>();
        p.put("mitzeichnen.base-url", "https://mitzeichnen.example");
        p.put("mitzeichnen.security.session-secret", SECRET);
        p.put("mitzeichnen.security.ip-hash-key", IP_KEY);
        p.put("mitzeichnen.mail.poll-interval", "1h");
        p.put("mitzeichnen.legal.controller", "Stadt Beispiel | Markt 1 | 12345 Beispiel");
        p.put("mitzeichnen.legal.contact", "datenschutz@beispiel.example");
        return p;
    }

    static String refusal(Map<String, Object> properties) {
        try (EmbeddedServer server =
                ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            fail("the service started although it must not: " + server.getURL());
            return "";
        } catch (RuntimeException e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        }
    }

    @Test
    void noStartWithoutSmtpHost() {
        Map<String, Object> p = production();
        p.put("mitzeichnen.mail.smtp-host", "");
        String message = refusal(p);
        assertTrue(message.contains("MITZEICHNEN_SMTP_HOST"), message);
    }

    @Test
    void noStartWithoutSessionSecret() {
        Map<String, Object> p = production();
        p.put("mitzeichnen.security.session-secret", "");
        String message = refusal(p);
        assertTrue(message.contains("MITZEICHNEN_SESSION_SECRET is not set"), message);
    }

    @Test
    void noStartWithoutIpHashKeyOrWithTheSessionSecretAsIt() {
        Map<String, Object> p = production();
        p.put("mitzeichnen.security.ip-hash-key", "");
        String message = refusal(p);
        assertTrue(message.contains("MITZEICHNEN_IP_HASH_KEY is not set"), message);
        p.put("mitzeichnen.security.ip-hash-key", SECRET);
        message = refusal(p);
        assertTrue(message.contains("MITZEICHNEN_IP_HASH_KEY must differ"), message);
    }

    @Test
    void noStartWithoutAWayToReportBarriersOrWithAnUnknownConformance() {
        Map<String, Object> p = production();
        p.put("mitzeichnen.privacy-url", "https://stadt.example/datenschutz");
        p.put("mitzeichnen.imprint-url", "https://stadt.example/impressum");
        p.put("mitzeichnen.legal.controller", "");
        p.put("mitzeichnen.legal.contact", "");
        String message = refusal(p);
        assertTrue(message.contains("MITZEICHNEN_A11Y_FEEDBACK_EMAIL"), message);
        assertTrue(message.contains("MITZEICHNEN_A11Y_STATEMENT_URL"), message);

        Map<String, Object> q = production();
        q.put("mitzeichnen.accessibility.conformance", "meistens");
        message = refusal(q);
        assertTrue(message.contains("must be full, partial or none, not meistens"), message);
    }

    @Test
    void startsWithEverythingSetAndHasNoDevMailbox() throws Exception {
        try (EmbeddedServer server =
                ApplicationContext.run(EmbeddedServer.class, production(), "test")) {
            var client = HttpClient.newHttpClient();
            var response =
                    client.send(
                            HttpRequest.newBuilder(server.getURI().resolve("/dev/mails")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
        }
    }
}
