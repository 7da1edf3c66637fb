package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Without trusted proxies, no forwarding header counts: spoofing them does not get past the address
 * throttle.
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.security.trusted-proxies", value = "")
class UntrustedPeerTest {

    @Inject EmbeddedServer server;
    @Inject Db db;

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        Set<Object> hashes = new HashSet<>();
        String[][] spoofs = {
            {"X-Forwarded-For", "1.2.3.4"},
            {"X-Forwarded-For", "5.6.7.8, 9.9.9.9"},
            {"Forwarded", "for=4.4.4.4"},
            {"X-Real-IP", "3.3.3.3"}
        };
        for (String[] spoof : spoofs) {
            Web web = new Web(URI.create(server.getURL().toString()));
            Web.Page form = web.get("/verwaltung/anmelden");
            web.postEncoded(
                    "/verwaltung/anmelden",
                    Web.encode(
                            Web.form(
                                    "email",
                                    Fixtures.unique("x").toLowerCase() + "@example.org",
                                    "password",
                                    "falsch-falsch-falsch",
                                    "csrfToken",
                                    Web.csrf(form))),
                    spoof);
            hashes.add(
                    db.row("SELECT ip_hash FROM login_failure ORDER BY id DESC LIMIT 1")
                            .get("ip_hash"));
        }
        assertEquals(
                1, hashes.size(), "every spoofed request counts for the one connecting address");
    }
}
