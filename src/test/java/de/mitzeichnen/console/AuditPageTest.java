package de.mitzeichnen.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditPageTest {

    @Inject EmbeddedServer server;
    @Inject ConsoleAccounts accounts;
    @Inject Fixtures fixtures;
    @Inject AuditLog audit;

    @Test
    void organisersSeeTheirOwnOrganisationsEntriesAndAdminsSeeAllPaged() {
        URI base = URI.create(server.getURL().toString());
        Organiser mine = fixtures.organiser("Stadt Protokoll");
        Organiser other = fixtures.organiser("Stadt Anders");
        Account account = accounts.organiser(mine);
        String marker = Fixtures.unique("eintrag");
        audit.record(
                new Actor(account.id(), account.email(), null),
                "APPEAL_UPDATED",
                mine.id(),
                null,
                Map.of("fields", marker + "-mine"));
        audit.record(
                Actor.system(),
                "APPEAL_UPDATED",
                other.id(),
                null,
                Map.of("fields", marker + "-other"));

        Web web = accounts.signedIn(base, account);
        Web.Page page = web.get("/verwaltung/protokoll");
        assertEquals(200, page.status());
        String text = page.text();
        assertTrue(text.contains("Felder: " + marker + "-mine"), text);
        assertFalse(text.contains(marker + "-other"), "another organisation's entries stay hidden");
        assertTrue(text.contains("Aufruf geändert"));
        assertTrue(text.contains("Anmeldung"), "the own login is in the log");
        assertTrue(text.indexOf("Anmeldung") < text.indexOf(marker), "newest first");

        Web admin = accounts.signedIn(base, accounts.admin());
        for (int i = 0; i < AuditLog.PAGE_SIZE; i++) {
            audit.record(Actor.system(), "APPEAL_UPDATED", other.id(), null, Map.of("n", i));
        }
        Web.Page first = admin.get("/verwaltung/protokoll");
        assertFalse(
                first.text().contains(marker + "-other"), "pushed to page 2 by 50 newer entries");
        assertNotNull(first.doc().selectFirst("a[rel=next]"));
        Web.Page second = admin.get(first.doc().selectFirst("a[rel=next]").attr("href"));
        assertEquals(200, second.status());
        assertTrue(second.text().contains(marker + "-other"), second.text());
        assertTrue(second.text().contains("Seite 2 von"));
        assertEquals(200, admin.get("/verwaltung/protokoll?seite=abc").status());
    }
}
