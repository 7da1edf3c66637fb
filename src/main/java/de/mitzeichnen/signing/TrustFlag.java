package de.mitzeichnen.signing;

/** Something the organiser should look at before relying on a signature. */
public enum TrustFlag {
    FREEMAIL,
    OTHER_MUNICIPALITY
}
