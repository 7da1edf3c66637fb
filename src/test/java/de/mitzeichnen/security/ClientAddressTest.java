package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The test client connects from 127.0.0.1, which the test configuration trusts as a proxy: the
 * client address is the right-most untrusted hop, whatever a client writes further left. Observed
 * through the failed-login record.
 */
@MicronautTest(transactional = false)
class ClientAddressTest {

    @Inject EmbeddedServer server;
    @Inject Db db;

    String failedLoginHash(String... headers) {
        Web web = new Web(URI.create(server.getURL().toString()));
        Web.Page form = web.get("/verwaltung/anmelden", headers);
        String email = Fixtures.unique("niemand").toLowerCase() + "@example.org";
        web.postEncoded(
                "/verwaltung/anmelden",
                Web.encode(
                        Web.form(
                                "email",
                                email,
                                "password",
                                "falsch-falsch-falsch",
                                "csrfToken",
                                Web.csrf(form))),
                headers);
        return (String)
                db.row("SELECT ip_hash FROM login_failure ORDER BY id DESC LIMIT 1").get("ip_hash");
    }

    @Test
    void spoofedEntriesLeftOfTheProxyDoNotChangeTheAddress() {
        String a = failedLoginHash("X-Forwarded-For", "6.6.6.6, 203.0.113.7");
        String b = failedLoginHash("X-Forwarded-For", "7.7.7.7, 203.0.113.7");
        String c = failedLoginHash("X-Forwarded-For", "203.0.113.7, 127.0.0.1");
        String viaForwarded = failedLoginHash("Forwarded", "for=8.8.8.8, for=\"203.0.113.7:4711\"");
        assertEquals(a, b);
        assertEquals(a, c, "a trusted proxy in the chain is skipped");
        assertEquals(a, viaForwarded);
        assertNotEquals(a, failedLoginHash("X-Forwarded-For", "203.0.113.8"));
        String ipv6 = failedLoginHash("Forwarded", "for=\"[2001:db8::1]:4711\"");
        assertEquals(ipv6, failedLoginHash("X-Forwarded-For", "1.1.1.1, 2001:db8::1"));
    }
}
