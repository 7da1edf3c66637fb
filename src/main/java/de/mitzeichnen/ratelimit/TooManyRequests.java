package de.mitzeichnen.ratelimit;

import java.time.Duration;

/**
 * Thrown when a limit is reached; answered with 429, {@code Retry-After} and a page in the reader's
 * language.
 */
public class TooManyRequests extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequests(Duration retryAfter) {
        super("rate limit reached", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
