package de.mitzeichnen.console;

import io.micronaut.core.annotation.Nullable;

/**
 * The signed-in account of a console request, made by the security feature from the request's
 * {@code Authentication}. Controllers under /verwaltung take it as a parameter; who may reach them
 * is declared with {@code @Secured}. It lives here, with what all console pages share, so that
 * security and the features' pages both depend on it and not on each other.
 */
public record ConsoleUser(
        long accountId,
        String email,
        String displayName,
        AccountRole role,
        @Nullable Long organiserId,
        @Nullable String ipHash) {

    /** The role names used in {@code @Secured}. */
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

    public static final String ORGANISER = "ORGANISER";

    public boolean isPlatformAdmin() {
        return role == AccountRole.PLATFORM_ADMIN;
    }

    /** Whether this account may see and act on things of the given organiser. */
    public boolean mayManage(@Nullable Long organiser) {
        return isPlatformAdmin() || (organiserId != null && organiserId.equals(organiser));
    }
}
