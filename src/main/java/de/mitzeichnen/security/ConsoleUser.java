package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import io.micronaut.core.annotation.Nullable;

/**
 * The signed-in account of a console request. Controllers under /verwaltung take it as a parameter; requests
 * without a valid session never reach them (they are sent to the login page).
 */
public record ConsoleUser(long accountId, String email, String displayName, AccountRole role,
                          @Nullable Long organiserId, @Nullable String ipHash) {

    public boolean isPlatformAdmin() {
        return role == AccountRole.PLATFORM_ADMIN;
    }

    /** Whether this account may see and act on things of the given organiser. */
    public boolean mayManage(@Nullable Long organiser) {
        return isPlatformAdmin() || (organiserId != null && organiserId.equals(organiser));
    }

    /** Throws {@link AccessDenied} (answered with the 403 page) unless {@link #mayManage} holds. */
    public void requireManage(@Nullable Long organiser) {
        if (!mayManage(organiser)) {
            throw new AccessDenied();
        }
    }

    public void requirePlatformAdmin() {
        if (!isPlatformAdmin()) {
            throw new AccessDenied();
        }
    }

    /** Who this is, for the audit log. */
    public Actor actor() {
        return new Actor(accountId, email, ipHash);
    }
}
