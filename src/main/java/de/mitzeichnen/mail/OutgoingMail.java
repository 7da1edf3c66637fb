package de.mitzeichnen.mail;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * A mail to put into the outbox. {@code fromName} is shown as the sender's name next to the
 * configured sender address; {@code headers} are extra headers (e.g. {@code X-Mitzeichnen-Appeal});
 * {@code kind} names the purpose (e.g. {@code signature.confirm}) for operations and the dev
 * mailbox.
 */
public record OutgoingMail(
        String to,
        String fromName,
        @Nullable String replyTo,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        String kind) {}
