package de.mitzeichnen.alliance;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.security.Secrets;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alliance's do-not-mail list. Every mail of the alliance to a contact carries a link {@code
 * /abmelden/{token}}; the token names the alliance and the address only by a hash, signed with the
 * application's key so that nobody can make one up for someone else. Unsubscribing keeps just that
 * hash ({@code alliance_unsubscribe}): the objection outlives the contact's erasure, and no later
 * mail of the alliance goes to the address (asked when a mail is written and again when it is
 * sent).
 *
 * <p>The hash is a plain SHA-256 of the alliance's id and the normalised address, not keyed: a
 * rotated application key must never forget an objection. It is pseudonymous (whoever guesses an
 * address can confirm that it unsubscribed from this alliance) and kept for exactly that purpose.
 */
@Singleton
public class Unsubscribes {

    /** The link's path below the base URL. */
    static final String PATH = "/abmelden/";

    private static final Pattern TOKEN =
            Pattern.compile("(\\d{1,18})-([0-9a-f]{64})-([0-9a-f]{32})");
    private static final String PURPOSE = "alliance-unsubscribe";

    /** What a valid link names: the alliance and the hash of the address. */
    record Link(long allianceId, String addressHash) {}

    private final ContactStore store;
    private final Secrets secrets;
    private final MitzeichnenConfig config;
    private final Clock clock;

    Unsubscribes(ContactStore store, Secrets secrets, MitzeichnenConfig config, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
    }

    /** The hash kept for an address that unsubscribed from the alliance. */
    static String addressHash(long allianceId, String emailKey) {
        return Secrets.sha256(PURPOSE + ":" + allianceId + ":" + emailKey);
    }

    /** The address's unsubscribe link for this alliance (the same in every mail). */
    public String url(long allianceId, String emailKey) {
        String hash = addressHash(allianceId, emailKey);
        return config.getBaseUrl() + PATH + allianceId + "-" + hash + "-" + mac(allianceId, hash);
    }

    /** Whether the address asked this alliance not to mail it any more. */
    public boolean unsubscribed(long allianceId, String emailKey) {
        return store.unsubscribed(allianceId, addressHash(allianceId, emailKey));
    }

    /** What a link names, if it is one of ours and untouched. */
    Optional<Link> parse(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        long allianceId = Long.parseLong(m.group(1));
        String hash = m.group(2);
        boolean genuine =
                MessageDigest.isEqual(
                        mac(allianceId, hash).getBytes(StandardCharsets.US_ASCII),
                        m.group(3).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(new Link(allianceId, hash)) : Optional.empty();
    }

    /** Whether the link's address has unsubscribed already. */
    boolean done(Link link) {
        return store.unsubscribed(link.allianceId(), link.addressHash());
    }

    /** Records the objection; false when it was recorded before. */
    boolean record(Link link) {
        return store.unsubscribe(link.allianceId(), link.addressHash(), clock.instant());
    }

    private String mac(long allianceId, String hash) {
        return secrets.keyedHash(PURPOSE, allianceId + "-" + hash).substring(0, 32);
    }
}
