package de.mitzeichnen.retention;

import java.time.Instant;

/**
 * An export asked for after the retention job anonymised the appeal's signatures; answered with 410
 * and a page.
 */
public class DataErased extends RuntimeException {

    private final Instant at;

    DataErased(Instant at) {
        super("signatures anonymised", null, false, false);
        this.at = at;
    }

    public Instant at() {
        return at;
    }
}
