package de.mitzeichnen.invitation;

import java.util.Optional;

/**
 * The mailing lists an invitation may go out on, kept by a feature above this one (an alliance's
 * contacts: {@code alliance.AllianceMailingList}). Every invitation and reminder on a list carries
 * the list's unsubscribe link (in the text and as {@code List-Unsubscribe} with RFC 8058 one-click)
 * and is not written at all for an address that has unsubscribed from the list.
 */
public interface MailingLists {

    /** What a mail on {@code list} to this address carries; empty when this is not its list. */
    Optional<ListMail> mail(String list, String emailKey);

    /** The list an appeal's invitations go out on when nothing else is said (its alliance's). */
    Optional<String> listOf(long appealId);

    /**
     * A list's part of a mail: its name for the text, the unsubscribe link, and whether the address
     * has unsubscribed (then nothing is sent).
     */
    record ListMail(String name, String unsubscribeUrl, boolean unsubscribed) {}
}
