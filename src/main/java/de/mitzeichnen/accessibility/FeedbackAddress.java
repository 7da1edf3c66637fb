package de.mitzeichnen.accessibility;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The address accessibility feedback goes to: MITZEICHNEN_A11Y_FEEDBACK_EMAIL, else the privacy
 * contact. A public service must have one (BITV 2.0 § 7: a feedback way), so with a base URL that
 * is not local the start is refused while there is none, unless the operator links their own
 * statement.
 */
@Context
class FeedbackAddress {

    /** Development only (dev mailbox): a placeholder so the form can be tried. */
    static final String DEVELOPMENT = "barrierefreiheit@mitzeichnen.local";

    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String address;

    FeedbackAddress(
            AccessibilityConfig accessibility,
            MitzeichnenConfig config,
            @Value("${mitzeichnen.legal.contact:}") String privacyContact) {
        String configured =
                !accessibility.getFeedbackEmail().isEmpty()
                        ? accessibility.getFeedbackEmail()
                        : privacyContact.strip();
        if (!configured.isEmpty() && !EmailAddress.valid(configured)) {
            throw new ConfigurationException(
                    "MITZEICHNEN_A11Y_FEEDBACK_EMAIL (or MITZEICHNEN_PRIVACY_CONTACT) is not a valid"
                            + " e-mail address: "
                            + configured);
        }
        if (configured.isEmpty()
                && !local(config.getBaseUrl())
                && accessibility.getStatementUrl().isEmpty()) {
            throw new ConfigurationException(
                    "A public service (MITZEICHNEN_BASE_URL "
                            + config.getBaseUrl()
                            + ") needs a way to report barriers: set MITZEICHNEN_A11Y_FEEDBACK_EMAIL"
                            + " (or MITZEICHNEN_PRIVACY_CONTACT) for the generated statement"
                            + " /barrierefreiheit, or MITZEICHNEN_A11Y_STATEMENT_URL to your own"
                            + " statement");
        }
        this.address = configured.isEmpty() ? DEVELOPMENT : configured;
    }

    static boolean local(String baseUrl) {
        String host = URI.create(baseUrl).getHost();
        return host == null || LOCAL.contains(host.toLowerCase(Locale.ROOT));
    }

    String get() {
        return address;
    }

    /** Whether the address is the development placeholder (shown as such on the statement). */
    boolean placeholder() {
        return address.equals(DEVELOPMENT);
    }
}
