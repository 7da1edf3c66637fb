package de.mitzeichnen.alliance;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.invitation.MailingLists;
import de.mitzeichnen.mail.DeliveryGuard;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * An alliance's mails to its members' contacts go out as a mailing list: an invitation to an appeal
 * the alliance runs carries the alliance's unsubscribe link (in the text, as {@code
 * List-Unsubscribe}, and one-click by RFC 8058), is not written for an address that has
 * unsubscribed (asked by invitation when it writes the mail), and is withheld by the outbox when
 * the address unsubscribed after it was written (asked by mail just before sending).
 */
@Singleton
class AllianceMailingList implements MailingLists, DeliveryGuard {

    private static final String PREFIX = "alliance:";

    private final Alliances alliances;
    private final AllianceAppeals appeals;
    private final Unsubscribes unsubscribes;
    private final String linkPrefix;

    AllianceMailingList(
            Alliances alliances,
            AllianceAppeals appeals,
            Unsubscribes unsubscribes,
            MitzeichnenConfig config) {
        this.alliances = alliances;
        this.appeals = appeals;
        this.unsubscribes = unsubscribes;
        this.linkPrefix = "<" + config.getBaseUrl() + Unsubscribes.PATH;
    }

    /** The list name of an alliance, as invitations store it. */
    static String list(long allianceId) {
        return PREFIX + allianceId;
    }

    @Override
    public Optional<ListMail> mail(String list, String emailKey) {
        if (list == null || !list.startsWith(PREFIX)) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(list.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return alliances
                .byId(id)
                .map(
                        a ->
                                new ListMail(
                                        a.name(),
                                        unsubscribes.url(id, emailKey),
                                        unsubscribes.unsubscribed(id, emailKey)));
    }

    @Override
    public Optional<String> listOf(long appealId) {
        return appeals.allianceOf(appealId).map(AllianceMailingList::list);
    }

    @Override
    public @Nullable String withhold(String recipient, Map<String, String> headers) {
        String link = headers.get("List-Unsubscribe");
        if (link == null || !link.startsWith(linkPrefix) || !link.endsWith(">")) {
            return null;
        }
        String token = link.substring(linkPrefix.length(), link.length() - 1);
        return unsubscribes
                .parse(token)
                .filter(unsubscribes::done)
                .map(l -> "the recipient unsubscribed from alliance " + l.allianceId() + "'s mails")
                .orElse(null);
    }
}
