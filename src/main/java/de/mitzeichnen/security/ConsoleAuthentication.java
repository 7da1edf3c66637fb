package de.mitzeichnen.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailed;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micronaut Security's view of a console login: checks e-mail and password with {@link Login}
 * (Argon2id, throttling, audit) and, on success, describes the session the token will carry. Runs
 * on the blocking pool.
 */
@Singleton
class ConsoleAuthentication<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    // looked up on first use: the framework inspects authentication providers while the context is
    // starting
    private final BeanProvider<Login> login;
    private final Clock clock;

    ConsoleAuthentication(BeanProvider<Login> login, Clock clock) {
        this.login = login;
        this.clock = clock;
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(
            @Nullable HttpRequest<B> request,
            @NonNull AuthenticationRequest<String, String> credentials) {
        Login.Result result =
                login.get().login(credentials.getIdentity(), credentials.getSecret(), request);
        return switch (result.outcome()) {
            case SUCCESS -> {
                Account a = result.account().orElseThrow();
                // the token names the session and the account, never its rights: those are read
                // from the account on every request (SessionAuthentication)
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put(Sessions.SESSION_ID, result.sessionId().orElseThrow());
                claims.put(Sessions.EPOCH, a.sessionEpoch());
                claims.put(Sessions.LOGIN, clock.instant().getEpochSecond());
                yield AuthenticationResponse.success(String.valueOf(a.id()), List.of(), claims);
            }
            case WRONG ->
                    AuthenticationResponse.failure(
                            AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
            case DISABLED ->
                    AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
            case THROTTLED_ACCOUNT ->
                    new Throttled(
                            AuthenticationFailureReason.ACCOUNT_LOCKED,
                            result.throttledFor().orElseThrow());
            case THROTTLED_ADDRESS ->
                    new Throttled(
                            AuthenticationFailureReason.UNKNOWN,
                            result.throttledFor().orElseThrow());
        };
    }

    /** A throttled attempt and how long the client must wait (for the 429's Retry-After). */
    static final class Throttled extends AuthenticationFailed {

        private final Duration wait;

        Throttled(AuthenticationFailureReason reason, Duration wait) {
            super(reason);
            this.wait = wait;
        }

        Duration getWait() {
            return wait;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Throttled t && super.equals(o) && wait.equals(t.wait);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + wait.hashCode();
        }
    }
}
