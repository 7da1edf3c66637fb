package de.mitzeichnen.municipality;

/**
 * How far an e-mail address speaks for a municipality; see {@link MailDomains#trustFor(String,
 * String)}.
 */
public enum DomainTrust {
    /** The address's domain (or a parent of it) is registered for this municipality. */
    OFFICIAL_DOMAIN,
    /** The domain is registered, but only for other municipalities. */
    OTHER_MUNICIPALITY,
    /** A free-mail provider anyone can sign up with. */
    FREEMAIL,
    /** Nothing is known about the domain. */
    UNKNOWN
}
