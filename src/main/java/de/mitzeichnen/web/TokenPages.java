package de.mitzeichnen.web;

import io.micronaut.http.MutableHttpResponse;

/**
 * Pages reached through a secret link (confirm, withdraw, invitation): their address must not leak
 * or be cached.
 */
public final class TokenPages {

    private TokenPages() {}

    public static <T> MutableHttpResponse<T> privately(MutableHttpResponse<T> response) {
        return response.header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }
}
