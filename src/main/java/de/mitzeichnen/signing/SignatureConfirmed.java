package de.mitzeichnen.signing;

/**
 * Published inside the transaction that confirmed a signature (by the signer's click or by an
 * organiser's verification), so that other features (invitations) react in the same transaction
 * without signing knowing them.
 */
public record SignatureConfirmed(long appealId, long signatureId, String emailKey) {}
