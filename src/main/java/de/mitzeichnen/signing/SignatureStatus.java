package de.mitzeichnen.signing;

/**
 * PENDING until the signer confirms by e-mail; only CONFIRMED signatures count (and, on an appeal
 * that counts trusted signatures only, only those whose trust is not e-mail only). SUSPECTED ones
 * are held back until cleared; ANONYMISED ones keep nothing personal. Which status may follow which
 * is {@link Transition}'s table.
 */
public enum SignatureStatus {
    PENDING,
    CONFIRMED,
    SUSPECTED,
    WITHDRAWN,
    REJECTED,
    ANONYMISED
}
