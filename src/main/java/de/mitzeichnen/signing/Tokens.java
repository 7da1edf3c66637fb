package de.mitzeichnen.signing;

import de.mitzeichnen.security.Secrets;

/**
 * Link tokens: 256 random bits in the link, only their SHA-256 in the database (same scheme as
 * password resets).
 */
public final class Tokens {

    private Tokens() {}

    public static String newToken() {
        return Secrets.randomToken(32);
    }

    public static String hash(String token) {
        return Secrets.sha256(token);
    }

    /** Whether a string can be a token at all (cheap check before touching the database). */
    public static boolean plausible(String token) {
        return token != null
                && token.length() >= 22
                && token.length() <= 64
                && token.matches("[A-Za-z0-9_-]+");
    }
}
