package de.mitzeichnen.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a valid session token into the request's {@link Authentication}, with the rights of the
 * account as it is now: role, organisation, address and name come from the account row, never from
 * the token, so every change of them (and any role added later) counts on the next request. No
 * Authentication (the request is treated as signed out) when the session's row is gone, the account
 * is disabled or its session epoch has moved on (new password). Runs after {@link
 * SessionValidator}, on the blocking pool like it
 * (micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking).
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
class SessionAuthentication implements JwtAuthenticationFactory {

    private final AccountRepository accounts;
    private final Sessions sessions;
    private final Clock clock;

    SessionAuthentication(AccountRepository accounts, Sessions sessions, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        Map<String, Object> claims;
        try {
            claims = new LinkedHashMap<>(token.getJWTClaimsSet().getClaims());
        } catch (ParseException e) {
            return Optional.empty();
        }
        claims.replaceAll((k, v) -> v instanceof Date d ? d.toInstant().getEpochSecond() : v);
        Optional<Long> accountId = Sessions.number(claims.get(Claims.SUBJECT));
        Optional<Long> epoch = Sessions.number(claims.get(Sessions.EPOCH));
        Optional<Long> lastSeen = Sessions.number(claims.get(Claims.ISSUED_AT));
        Object sessionId = claims.get(Sessions.SESSION_ID);
        if (accountId.isEmpty() || epoch.isEmpty() || lastSeen.isEmpty() || sessionId == null) {
            return Optional.empty();
        }
        Optional<ConsoleSession> session =
                sessions.find(sessionId.toString())
                        .filter(s -> s.accountId().equals(accountId.get()));
        Optional<Account> account =
                session.flatMap(s -> accounts.findById(accountId.get()))
                        .filter(Account::enabled)
                        .filter(a -> a.sessionEpoch() == epoch.get());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        // the same condition as the token's re-issue (ConsoleSessionFilter): one write a minute
        if (Duration.between(Instant.ofEpochSecond(lastSeen.get()), clock.instant())
                        .compareTo(Sessions.REFRESH_AFTER)
                >= 0) {
            sessions.seen(session.get());
        }
        Account a = account.get();
        Sessions.FROM_ACCOUNT.forEach(claims::remove);
        claims.put(Sessions.EMAIL, a.email());
        claims.put(Sessions.NAME, a.displayName());
        if (a.organiserId() != null) {
            claims.put(Sessions.ORGANISER, a.organiserId());
        }
        return Optional.of(
                Authentication.build(String.valueOf(a.id()), List.of(a.role().name()), claims));
    }
}
