package de.mitzeichnen.audit;

import de.mitzeichnen.console.ConsoleUser;
import io.micronaut.core.annotation.Nullable;

/**
 * Who did something: an account (its id and e-mail address at that moment), or — for failed logins
 * and the system itself — just an e-mail address or name. {@code ipHash} is a keyed hash of the
 * client address, never the address itself.
 */
public record Actor(@Nullable Long accountId, String email, @Nullable String ipHash) {

    /** The application itself, e.g. the start-up that creates the first admin. */
    public static Actor system() {
        return new Actor(null, "system", null);
    }

    /** Someone not (yet) signed in, known only by what they typed. */
    public static Actor anonymous(String email, @Nullable String ipHash) {
        return new Actor(null, email == null ? "" : email, ipHash);
    }

    /** A signed-in console account. */
    public static Actor of(ConsoleUser user) {
        return new Actor(user.accountId(), user.email(), user.ipHash());
    }
}
