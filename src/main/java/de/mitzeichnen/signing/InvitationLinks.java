package de.mitzeichnen.signing;

/**
 * The port through which signing asks whether a sign form came through a personal invitation of
 * that address.
 */
public interface InvitationLinks {

    /** Whether {@code token} is an invitation link of the appeal for exactly this address key. */
    boolean invites(String token, long appealId, String emailKey);
}
