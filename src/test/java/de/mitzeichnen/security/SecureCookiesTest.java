package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind https (as the public base URL says), the session and form-token cookies set at login are
 * Secure.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.base-url", value = "https://mitzeichnen.example")
@Property(
        name = "mitzeichnen.legal.controller",
        value = "Stadt Beispiel | Markt 1 | 12345 Beispiel")
@Property(name = "mitzeichnen.legal.contact", value = "datenschutz@beispiel.example")
@Property(
        name = "mitzeichnen.security.session-secret",
        value = "ein-langes-Sitzungsgeheimnis-nur-fuer-Tests-0123456789")
@Property(
        name = "mitzeichnen.security.ip-hash-key",
        value = "ein-langer-Schluessel-fuer-Adressen-nur-fuer-Tests-9876")
class SecureCookiesTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;

    @Test
    void cookiesAreSecureWhenTheBaseUrlIsHttps() {
        Web web =
                new Web(URI.create(server.getURL().toString()))
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Web.Page after =
                web.post(
                        "/verwaltung/anmelden",
                        Web.form(
                                "email",
                                accounts.admin().email(),
                                "password",
                                ConsoleAccounts.PASSWORD));
        assertEquals(303, after.status(), after.body());
        List<String> session =
                after.raw().headers().allValues("Set-Cookie").stream()
                        .filter(h -> h.startsWith(Sessions.COOKIE + "="))
                        .toList();
        assertEquals(1, session.size());
        String lower = session.get(0).toLowerCase();
        assertTrue(
                lower.contains("secure")
                        && lower.contains("httponly")
                        && lower.contains("samesite=lax"),
                lower);
        String csrf =
                after.raw().headers().allValues("Set-Cookie").stream()
                        .filter(h -> h.startsWith("mz_csrf="))
                        .findFirst()
                        .orElseThrow()
                        .toLowerCase();
        assertTrue(csrf.contains("secure") && csrf.contains("httponly"), csrf);
    }
}
