package de.mitzeichnen.invitation;

/** SENT until the invitee signs; OPTED_OUT when they asked not to be reminded. */
public enum InvitationStatus {
    SENT,
    SIGNED,
    OPTED_OUT
}
