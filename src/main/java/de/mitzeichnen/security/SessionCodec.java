package de.mitzeichnen.security;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content of the session cookie and its signature: {@code 1.<session id>.<account>.<epoch>.<login>.<last seen>.<HMAC>}.
 * Nothing in it is secret, but nobody without the key can make or alter one.
 */
final class SessionCodec {

    /** A session as the cookie carries it; times in whole seconds. */
    record Session(String id, long accountId, int epoch, Instant issuedAt, Instant lastSeen) {
        Session seenAt(Instant now) {
            return new Session(id, accountId, epoch, issuedAt, now);
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final byte[] key;

    SessionCodec(byte[] key) {
        this.key = key;
    }

    String encode(Session s) {
        String payload = "1." + s.id() + "." + s.accountId() + "." + s.epoch() + "." + s.issuedAt().getEpochSecond()
                + "." + s.lastSeen().getEpochSecond();
        return payload + "." + Secrets.sign(key, payload);
    }

    Optional<Session> decode(String value) {
        if (value == null || value.length() > 400) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, lastDot);
        if (!Secrets.sameText(Secrets.sign(key, payload), value.substring(lastDot + 1))) {
            return Optional.empty();
        }
        String[] p = payload.split("\\.");
        if (p.length != 6 || !p[0].equals("1") || !ID.matcher(p[1]).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Session(p[1], Long.parseLong(p[2]), Integer.parseInt(p[3]),
                    Instant.ofEpochSecond(Long.parseLong(p[4])), Instant.ofEpochSecond(Long.parseLong(p[5]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
