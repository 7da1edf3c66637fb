package de.mitzeichnen.mail;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Refuses to start a production installation (a base URL other than localhost) without an SMTP
 * host: it could send no mail, and nobody could ever confirm a signature.
 */
@Context
class ProductionMail {

    ProductionMail(MitzeichnenConfig config, MailConfig mail) {
        if (!config.isDevelopment() && mail.devMailbox()) {
            throw new ConfigurationException(
                    "MITZEICHNEN_SMTP_HOST is not set, but the base URL "
                            + config.getBaseUrl()
                            + " is not a local one: a public installation needs an SMTP server to "
                            + "send the confirmation mails (the dev mailbox exists only on localhost).");
        }
    }
}
