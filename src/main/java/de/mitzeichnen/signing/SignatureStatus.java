package de.mitzeichnen.signing;

/** PENDING until the signer confirms by e-mail; only CONFIRMED signatures count. */
public enum SignatureStatus {
    PENDING, CONFIRMED, WITHDRAWN, REJECTED
}
