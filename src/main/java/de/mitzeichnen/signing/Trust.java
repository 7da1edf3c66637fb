package de.mitzeichnen.signing;

/** How sure we are that the signer speaks for the municipality; fixed at confirmation. */
public enum Trust {
    /** The address lies on a domain registered for the municipality. */
    OFFICIAL_DOMAIN,
    /** Signed through a personal invitation sent by the organiser to that address. */
    INVITED,
    /** The address is proven by the confirmation mail, nothing more. */
    EMAIL_ONLY,
    /** The organiser checked it by other means (e.g. a phone call). */
    VERIFIED_BY_ORGANISER
}
