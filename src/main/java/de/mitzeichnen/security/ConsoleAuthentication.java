package de.mitzeichnen.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
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

    /**
     * Failure message for a throttled client address (the framework has no reason of its own for
     * it).
     */
    static final String THROTTLED_ADDRESS = "throttled-address";

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
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put(Sessions.SESSION_ID, Secrets.randomToken(18));
                claims.put(Sessions.EPOCH, a.sessionEpoch());
                claims.put(Sessions.LOGIN, clock.instant().getEpochSecond());
                claims.put(Sessions.EMAIL, a.email());
                claims.put(Sessions.NAME, a.displayName());
                if (a.organiserId() != null) {
                    claims.put(Sessions.ORGANISER, a.organiserId());
                }
                yield AuthenticationResponse.success(
                        String.valueOf(a.id()), List.of(a.role().name()), claims);
            }
            case WRONG ->
                    AuthenticationResponse.failure(
                            AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
            case DISABLED ->
                    AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
            case THROTTLED_ACCOUNT ->
                    AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
            case THROTTLED_ADDRESS -> AuthenticationResponse.failure(THROTTLED_ADDRESS);
        };
    }
}
