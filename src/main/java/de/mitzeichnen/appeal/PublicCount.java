package de.mitzeichnen.appeal;

/** Which confirmed signatures an appeal counts publicly. */
public enum PublicCount {
    /**
     * All but e-mail-only ones: official domain, invited, verified by the organiser (the default).
     */
    TRUSTED_ONLY,
    /** Every confirmed signature, e-mail only included. */
    ALL_CONFIRMED
}
