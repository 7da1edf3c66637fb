package de.mitzeichnen.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Tokens against cross-site form posts (signed double submit): each visitor gets a random token in an HttpOnly
 * cookie, every form repeats it in the hidden field {@value #FIELD}, and a post counts only when both agree.
 * The token is signed, so a cookie planted from elsewhere (e.g. a sibling subdomain) is not accepted.
 */
@Singleton
public class Csrf {

    public static final String FIELD = "csrfToken";
    public static final String HEADER = "X-CSRF-Token";
    static final String COOKIE = "mz_csrf";

    private final byte[] key;

    Csrf(Secrets secrets) {
        this.key = secrets.key("csrf");
    }

    String newToken() {
        String random = Secrets.randomToken(24);
        return random + "." + Secrets.sign(key, random);
    }

    /** Whether the token is one this application issued. */
    boolean genuine(@Nullable String token) {
        if (token == null || token.length() > 120) {
            return false;
        }
        int dot = token.indexOf('.');
        return dot > 0 && Secrets.sameText(Secrets.sign(key, token.substring(0, dot)), token.substring(dot + 1));
    }

    /** Whether a submitted token matches the visitor's cookie. */
    static boolean matches(@Nullable String submitted, String cookieToken) {
        return Secrets.sameText(submitted, cookieToken);
    }
}
