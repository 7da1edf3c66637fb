package de.mitzeichnen.mail;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * A last word before a mail of the outbox leaves, for a feature that keeps a do-not-mail list: a
 * mail queued before its recipient unsubscribed (say, while the SMTP server was away) is withheld
 * at the moment it would be sent. The dispatcher asks every guard; a withheld mail is marked FAILED
 * with the guard's reason and never sent.
 */
public interface DeliveryGuard {

    /**
     * Why this mail must not go out (kept as its {@code last_error}), or null to send it.
     *
     * @param headers the mail's extra headers, as it was queued with them
     */
    @Nullable
    String withhold(String recipient, Map<String, String> headers);
}
