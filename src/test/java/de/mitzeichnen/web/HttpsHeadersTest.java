package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Under an https base URL: HSTS, and the language cookie is Secure. */
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
class HttpsHeadersTest {

    @Inject EmbeddedServer server;

    @Test
    void hstsAndSecureCookies() {
        Web.Page page = new Web(URI.create(server.getURL().toString())).get("/?lang=en");
        assertTrue(
                page.header("Strict-Transport-Security").startsWith("max-age="),
                page.raw().headers().toString());
        String cookie =
                page.raw().headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("lang="))
                        .findFirst()
                        .orElseThrow()
                        .toLowerCase();
        assertTrue(
                cookie.contains("secure")
                        && cookie.contains("httponly")
                        && cookie.contains("samesite=lax"),
                cookie);
    }
}
