package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.ConsoleUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Signing in and out of the console. */
@Singleton
class Login {

    /**
     * How a login attempt ended; {@code account} and the new session's id are set only on success,
     * {@code throttledFor} only when throttled.
     */
    record Result(
            Outcome outcome,
            Optional<Account> account,
            Optional<String> sessionId,
            Optional<Duration> throttledFor) {

        static Result failed(Outcome outcome) {
            return new Result(outcome, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    enum Outcome {
        SUCCESS,
        WRONG,
        DISABLED,
        THROTTLED_ACCOUNT,
        THROTTLED_ADDRESS
    }

    private final AccountRepository accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final Secrets secrets;
    private final ClientIp clientIp;
    private final AuditLog audit;
    private final Clock clock;

    Login(
            AccountRepository accounts,
            Passwords passwords,
            LoginThrottle throttle,
            Sessions sessions,
            Secrets secrets,
            ClientIp clientIp,
            AuditLog audit,
            Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
        this.secrets = secrets;
        this.clientIp = clientIp;
        this.audit = audit;
        this.clock = clock;
    }

    Result login(@Nullable String emailInput, @Nullable String password, HttpRequest<?> request) {
        String email = Account.normaliseEmail(emailInput == null ? "" : emailInput);
        String emailHash = secrets.keyedHash("login-email", email);
        String ipHash = clientIp.hash(request);
        Actor anonymous = Actor.anonymous(email, ipHash);
        Optional<Account> account =
                email.isEmpty() ? Optional.empty() : accounts.findByEmail(email);
        Long accountId = account.map(Account::id).orElse(null);
        Long organiserId = account.map(Account::organiserId).orElse(null);

        Optional<LoginThrottle.Wait> wait = throttle.wait(emailHash, ipHash);
        if (wait.isPresent()) {
            LoginThrottle.Block block = wait.get().block();
            audit.record(
                    new Actor(accountId, email, ipHash),
                    "LOGIN_FAILED",
                    organiserId,
                    null,
                    Map.of(
                            "reason",
                            block == LoginThrottle.Block.ACCOUNT
                                    ? "throttled-account"
                                    : "throttled-address"));
            return new Result(
                    block == LoginThrottle.Block.ACCOUNT
                            ? Outcome.THROTTLED_ACCOUNT
                            : Outcome.THROTTLED_ADDRESS,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(wait.get().duration()));
        }
        if (account.isEmpty()) {
            passwords.checkDecoy(password);
            throttle.failed(emailHash, ipHash);
            audit.record(anonymous, "LOGIN_FAILED", null, null, Map.of("reason", "unknown-email"));
            return Result.failed(Outcome.WRONG);
        }
        Account a = account.get();
        if (!passwords.matches(password, a.passwordHash())) {
            throttle.failed(emailHash, ipHash);
            audit.record(
                    new Actor(a.id(), a.email(), ipHash),
                    "LOGIN_FAILED",
                    a.organiserId(),
                    null,
                    Map.of("reason", "wrong-password"));
            return Result.failed(Outcome.WRONG);
        }
        if (!a.enabled()) {
            audit.record(
                    new Actor(a.id(), a.email(), ipHash),
                    "LOGIN_FAILED",
                    a.organiserId(),
                    null,
                    Map.of("reason", "disabled"));
            return Result.failed(Outcome.DISABLED);
        }
        throttle.succeeded(emailHash, ipHash);
        accounts.updateLastLoginAt(a.id(), clock.instant());
        audit.record(
                new Actor(a.id(), a.email(), ipHash), "LOGIN_SUCCEEDED", a.organiserId(), null);
        String sessionId = Secrets.randomToken(18);
        sessions.open(sessionId, a, ipHash, request.getHeaders().get(HttpHeaders.USER_AGENT));
        return new Result(
                Outcome.SUCCESS, Optional.of(a), Optional.of(sessionId), Optional.empty());
    }

    /** Ends the session for good and records the logout. */
    void logout(Authentication session, ConsoleUser user) {
        sessions.end(session);
        audit.record(Actor.of(user), "LOGOUT", user.organiserId(), null);
    }
}
