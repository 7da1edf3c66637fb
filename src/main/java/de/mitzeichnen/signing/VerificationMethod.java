package de.mitzeichnen.signing;

/** How an organiser checked a signature by other means. */
public enum VerificationMethod {
    PHONE,
    LETTER,
    COUNCIL_RESOLUTION,
    EMAIL
}
