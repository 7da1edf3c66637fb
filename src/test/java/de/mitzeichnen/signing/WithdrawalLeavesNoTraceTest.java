package de.mitzeichnen.signing;

import static de.mitzeichnen.signing.SigningTestSupport.mails;
import static de.mitzeichnen.signing.SigningTestSupport.pressButton;
import static de.mitzeichnen.signing.SigningTestSupport.sign;
import static de.mitzeichnen.signing.SigningTestSupport.validForm;
import static de.mitzeichnen.testsupport.Mails.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.testsupport.ConsoleAccounts;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After a withdrawal, a dump of every table of the database holds neither the signer's name,
 * address, address hash nor any of the raw tokens that were mailed — the outbox included (sent
 * mails keep no recipient or body).
 */
@MicronautTest(transactional = false)
@Property(name = "mitzeichnen.mail.erase-sent", value = "true")
class WithdrawalLeavesNoTraceTest {

    @Inject EmbeddedServer server;
    @Inject Fixtures fixtures;
    @Inject Db db;

    /** Every row of every table as text, like a mysqldump of the data. */
    String dump() {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> table : db.rows("SHOW TABLES")) {
            String name = table.values().iterator().next().toString();
            for (Map<String, Object> row : db.rows("SELECT * FROM `" + name + "`")) {
                out.append(name).append(' ').append(row.values()).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void nothingOfThePersonIsLeftAnywhere() {
        Appeal appeal =
                fixtures.appeal(
                        "Spurlos zurückziehen",
                        AppealStatus.OPEN,
                        Instant.now().minusSeconds(3600),
                        Instant.now().plusSeconds(86400 * 10));
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "spurlos-" + unique + "@stadt-test.example";
        String name = "Hedwig Spurlos" + unique;
        Web web =
                new Web(URI.create(server.getURL().toString()))
                        .withHeader("X-Forwarded-For", ConsoleAccounts.randomAddress());
        Map<String, String> form = validForm(email);
        form.put("name", name);
        assertEquals(303, sign(web, appeal.slug(), form).status());
        String ipHash =
                (String)
                        db.row("SELECT ip_hash FROM signature WHERE email_key = ?", email)
                                .get("ip_hash");
        String confirmPath = link(mails(email, 1).get(0), "/bestaetigen/");
        assertEquals(200, pressButton(web, confirmPath).status());
        String withdrawPath = link(mails(email, 2).get(1), "/zurueckziehen/");
        assertTrue(pressButton(web, withdrawPath).text().contains("zurückgezogen"));

        List<String> secrets =
                List.of(
                        email,
                        name,
                        ipHash,
                        confirmPath.substring("/bestaetigen/".length()),
                        withdrawPath.substring("/zurueckziehen/".length()));
        // the mails go out asynchronously; once sent, their rows are erased
        long until = System.nanoTime() + 10_000_000_000L;
        String dump = dump();
        while (secrets.stream().anyMatch(dump::contains) && System.nanoTime() < until) {
            sleep();
            dump = dump();
        }
        for (String secret : secrets) {
            int at = dump.indexOf(secret);
            assertFalse(
                    at >= 0,
                    "still in the database: "
                            + secret
                            + " in "
                            + (at < 0
                                    ? ""
                                    : dump.substring(
                                            Math.max(0, dump.lastIndexOf('\n', at)),
                                            Math.min(dump.length(), at + 80))));
        }
        Map<String, Object> sentRow =
                db.row(
                        "SELECT * FROM outbox_message WHERE kind = 'signing.signature-confirmed' AND status = 'SENT'"
                                + " ORDER BY id DESC LIMIT 1");
        assertEquals("", sentRow.get("recipient"));
        assertEquals("", sentRow.get("text_body"));
        assertTrue(
                sentRow.get("message_id").toString().startsWith("<outbox-"),
                "the Message-ID stays");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
