package de.mitzeichnen.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong mail settings stop the start with a message that names the variable to fix. */
class MailConfigTest {

    static String startupError(Map<String, Object> properties) {
        RuntimeException e =
                assertThrows(
                        RuntimeException.class,
                        () -> {
                            try (ApplicationContext ignored =
                                    ApplicationContext.run(properties, Environment.TEST)) {
                                // started: no error
                            }
                        });
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void anUnknownSecurityModeIsAClearStartupError() {
        String error = startupError(Map.of("mitzeichnen.mail.smtp-security", "startls"));
        assertTrue(
                error.contains(
                        "MITZEICHNEN_SMTP_SECURITY (mitzeichnen.mail.smtp-security) must be none, "
                                + "starttls or tls, not 'startls'"),
                error);
    }

    @Test
    void aSenderThatIsNoAddressIsAClearStartupError() {
        String error = startupError(Map.of("mitzeichnen.mail.from", "Mitzeichnen"));
        assertTrue(error.contains("MITZEICHNEN_MAIL_FROM"), error);
    }

    @Test
    void securityModes() {
        MailConfig config = new MailConfig();
        assertEquals(MailConfig.Security.STARTTLS, config.security());
        config.setSmtpSecurity(" TLS ");
        assertEquals(MailConfig.Security.TLS, config.security());
        config.setSmtpSecurity("none");
        assertEquals(MailConfig.Security.NONE, config.security());
    }
}
