package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Platform admins create and change accounts and end their sessions. A change of role or
 * organisation counts on the account's next request (sessions read the rights from the account); a
 * new password or disabling ends every session of the account. Admins cannot lock themselves out.
 * The audit log says who changed what, with the values before.
 */
@Singleton
class AccountAdmin {

    record Outcome(@Nullable Account saved, @Nullable FormErrors errors, boolean conflict) {}

    private final AccountRepository accounts;
    private final Organisers organisers;
    private final Passwords passwords;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    AccountAdmin(
            AccountRepository accounts,
            Organisers organisers,
            Passwords passwords,
            Sessions sessions,
            AuditLog audit,
            Clock clock) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.organisers = organisers;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    Outcome create(ConsoleUser me, AccountForm.Input in) {
        FormErrors errors = check(in, null);
        if (!errors.isEmpty()) {
            return new Outcome(null, errors, false);
        }
        Instant now = clock.instant();
        try {
            Account a =
                    accounts.save(
                            new Account(
                                    null,
                                    in.email(),
                                    in.displayName(),
                                    passwords.hash(in.password()),
                                    in.role(),
                                    in.organiserId(),
                                    in.enabled(),
                                    0,
                                    now,
                                    now,
                                    null,
                                    null));
            audit.record(
                    Actor.of(me),
                    "ACCOUNT_CREATED",
                    a.organiserId(),
                    null,
                    Map.of("account", a.email(), "role", a.role(), "enabled", a.enabled()));
            return new Outcome(a, null, false);
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return new Outcome(
                        null,
                        new FormErrors().field("email", "console.account.error.emailTaken"),
                        false);
            }
            throw e;
        }
    }

    Outcome update(ConsoleUser me, Account current, AccountForm.Input in) {
        if (!Objects.equals(in.version(), current.version())) {
            return new Outcome(null, new FormErrors().general("console.error.conflict"), true);
        }
        FormErrors errors = check(in, current);
        if (current.id() == me.accountId() && (!in.enabled() || in.role() != current.role())) {
            errors.general("console.account.error.self");
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, errors, false);
        }
        Instant now = clock.instant();
        boolean newPassword = in.password() != null;
        Account changed =
                new Account(
                        current.id(),
                        in.email(),
                        in.displayName(),
                        newPassword ? passwords.hash(in.password()) : current.passwordHash(),
                        in.role(),
                        in.organiserId(),
                        in.enabled(),
                        newPassword ? current.sessionEpoch() + 1 : current.sessionEpoch(),
                        current.createdAt(),
                        now,
                        current.lastLoginAt(),
                        in.version());
        try {
            Account saved = accounts.update(changed);
            int ended = newPassword || !saved.enabled() ? sessions.endAll(saved.id()) : 0;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("account", saved.email());
            if (!current.email().equals(saved.email())) {
                details.put("previousEmail", current.email());
            }
            details.put("role", saved.role());
            if (current.role() != saved.role()) {
                details.put("previousRole", current.role());
            }
            if (!Objects.equals(current.organiserId(), saved.organiserId())) {
                details.put("organiser", organiserName(saved.organiserId()));
                details.put("previousOrganiser", organiserName(current.organiserId()));
            }
            details.put("enabled", saved.enabled());
            details.put("newPassword", newPassword);
            if (ended > 0) {
                details.put("sessionsEnded", ended);
            }
            String action =
                    current.enabled() && !saved.enabled()
                            ? "ACCOUNT_DISABLED"
                            : !current.enabled() && saved.enabled()
                                    ? "ACCOUNT_ENABLED"
                                    : "ACCOUNT_UPDATED";
            audit.record(Actor.of(me), action, saved.organiserId(), null, details);
            return new Outcome(saved, null, false);
        } catch (OptimisticLockException e) {
            return new Outcome(null, new FormErrors().general("console.error.conflict"), true);
        } catch (DataAccessException e) {
            if (Sql.isDuplicateKey(e)) {
                return new Outcome(
                        null,
                        new FormErrors().field("email", "console.account.error.emailTaken"),
                        false);
            }
            throw e;
        }
    }

    /**
     * Ends one open session of the account ({@code handle} from its sessions list), or all of them
     * when {@code handle} is null; how many ended.
     */
    int endSessions(ConsoleUser me, Account account, @Nullable String handle) {
        int ended =
                handle == null
                        ? sessions.endAll(account.id())
                        : sessions.end(account.id(), handle) ? 1 : 0;
        if (ended > 0) {
            audit.record(
                    Actor.of(me),
                    "SESSIONS_ENDED",
                    account.organiserId(),
                    null,
                    Map.of("account", account.email(), "sessionsEnded", ended));
        }
        return ended;
    }

    String organiserName(@Nullable Long id) {
        return id == null
                ? ""
                : organisers.current(id).map(Organiser::name).orElse(String.valueOf(id));
    }

    private FormErrors check(AccountForm.Input in, @Nullable Account current) {
        FormErrors errors = new FormErrors();
        if (in.organiserId() != null && organisers.current(in.organiserId()).isEmpty()) {
            errors.field("organiserId", "console.account.error.organiserRequired");
        }
        accounts.findByEmail(in.email())
                .filter(other -> current == null || !other.id().equals(current.id()))
                .ifPresent(other -> errors.field("email", "console.account.error.emailTaken"));
        return errors;
    }
}
