package de.mitzeichnen.appeal;

/**
 * The stored life cycle of an appeal. OPEN turns into CLOSED by the clock alone: see {@link
 * Appeal#statusAt}.
 */
public enum AppealStatus {
    DRAFT,
    OPEN,
    CLOSED,
    ARCHIVED
}
