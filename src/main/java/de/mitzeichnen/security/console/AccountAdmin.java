package de.mitzeichnen.security.console;

import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.organiser.OrganiserRepository;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.security.AccountRepository;
import de.mitzeichnen.security.ConsoleUser;
import de.mitzeichnen.security.Passwords;
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
 * Platform admins create and change accounts. A new password (set by an admin) ends the account's
 * sessions; disabling ends them at the next request. Admins cannot lock themselves out.
 */
@Singleton
class AccountAdmin {

    record Outcome(@Nullable Account saved, @Nullable FormErrors errors, boolean conflict) {}

    private final AccountRepository accounts;
    private final OrganiserRepository organisers;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;

    AccountAdmin(
            AccountRepository accounts,
            OrganiserRepository organisers,
            Passwords passwords,
            AuditLog audit,
            Clock clock) {
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
                    me.actor(),
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
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("account", saved.email());
            if (!current.email().equals(saved.email())) {
                details.put("previousEmail", current.email());
            }
            details.put("role", saved.role());
            details.put("enabled", saved.enabled());
            details.put("newPassword", newPassword);
            String action =
                    current.enabled() && !saved.enabled()
                            ? "ACCOUNT_DISABLED"
                            : !current.enabled() && saved.enabled()
                                    ? "ACCOUNT_ENABLED"
                                    : "ACCOUNT_UPDATED";
            audit.record(me.actor(), action, saved.organiserId(), null, details);
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

    private FormErrors check(AccountForm.Input in, @Nullable Account current) {
        FormErrors errors = new FormErrors();
        if (in.organiserId() != null && organisers.findById(in.organiserId()).isEmpty()) {
            errors.field("organiserId", "console.account.error.organiserRequired");
        }
        accounts.findByEmail(in.email())
                .filter(other -> current == null || !other.id().equals(current.id()))
                .ifPresent(other -> errors.field("email", "console.account.error.emailTaken"));
        return errors;
    }
}
