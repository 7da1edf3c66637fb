package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * A signed-in user changes their own password: the current one first (so that a session left open
 * on a shared PC is not enough), then the new one by {@link PasswordPolicy}. Success ends every
 * session of the account, this one too (the session epoch moves on and the rows go).
 */
@Singleton
public class PasswordChange {

    /** The field and message key of what is wrong, or null after the change. */
    public record Problem(String field, String key) {}

    /** Where a changed password sends its session: the login, which says why. */
    public static final String SIGN_IN_AGAIN =
            LoginPages.LOGIN + "?" + LoginPages.PASSWORD_CHANGED + "=1";

    private final AccountRepository accounts;
    private final Organisers organisers;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    PasswordChange(
            AccountRepository accounts,
            Organisers organisers,
            Passwords passwords,
            PasswordPolicy policy,
            Sessions sessions,
            AuditLog audit,
            Clock clock) {
        this.accounts = accounts;
        this.organisers = organisers;
        this.passwords = passwords;
        this.policy = policy;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public Problem change(ConsoleUser me, String current, String password, String confirmation) {
        Account account = accounts.findById(me.accountId()).orElseThrow();
        if (!passwords.matches(current, account.passwordHash())) {
            audit.record(
                    Actor.of(me),
                    "PASSWORD_CHANGE_FAILED",
                    account.organiserId(),
                    null,
                    Map.of("reason", "wrong-password"));
            return new Problem("current", "security.change.wrongCurrent");
        }
        String problem =
                policy.problem(
                        password,
                        account.email(),
                        account.organiserId() == null
                                ? null
                                : organisers
                                        .current(account.organiserId())
                                        .map(Organiser::name)
                                        .orElse(null));
        if (problem != null) {
            return new Problem("password", problem);
        }
        if (!password.equals(confirmation)) {
            return new Problem("confirmation", "security.reset.mismatch");
        }
        Account changed =
                accounts.update(account.withPassword(passwords.hash(password), clock.instant()));
        int ended = sessions.endAll(changed.id());
        audit.record(
                Actor.of(me),
                "PASSWORD_CHANGED",
                changed.organiserId(),
                null,
                Map.of("sessionsEnded", ended));
        return null;
    }
}
