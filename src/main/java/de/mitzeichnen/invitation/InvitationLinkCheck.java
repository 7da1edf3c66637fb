package de.mitzeichnen.invitation;

import de.mitzeichnen.signing.InvitationLinks;
import jakarta.inject.Singleton;

/**
 * Signing's port answered by invitations: does the sign form come through this address's own
 * invitation?
 */
@Singleton
class InvitationLinkCheck implements InvitationLinks {

    private final Invitations invitations;

    InvitationLinkCheck(Invitations invitations) {
        this.invitations = invitations;
    }

    @Override
    public boolean invites(String token, long appealId, String emailKey) {
        return invitations
                .byToken(token)
                .filter(i -> i.appealId() == appealId && i.emailKey().equals(emailKey))
                .isPresent();
    }
}
