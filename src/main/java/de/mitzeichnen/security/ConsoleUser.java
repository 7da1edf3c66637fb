package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.Optional;

/**
 * The signed-in account of a console request, read from its Micronaut Security {@code
 * Authentication}. Controllers under /verwaltung take it as a parameter; who may reach them is
 * declared with {@code @Secured}.
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

    /** Who this is, for the audit log. */
    public Actor actor() {
        return new Actor(accountId, email, ipHash);
    }

    /** The account a session token describes (its claims, see {@link ConsoleAuthentication}). */
    public static Optional<ConsoleUser> of(Authentication a, @Nullable String ipHash) {
        Optional<Long> id = Sessions.number(a.getName());
        AccountRole role =
                a.getRoles().contains(PLATFORM_ADMIN)
                        ? AccountRole.PLATFORM_ADMIN
                        : AccountRole.ORGANISER;
        Object email = a.getAttributes().get(Sessions.EMAIL);
        Object name = a.getAttributes().get(Sessions.NAME);
        Long organiser = Sessions.number(a.getAttributes().get(Sessions.ORGANISER)).orElse(null);
        return id.map(
                i ->
                        new ConsoleUser(
                                i,
                                email == null ? "" : email.toString(),
                                name == null ? "" : name.toString(),
                                role,
                                organiser,
                                ipHash));
    }
}
