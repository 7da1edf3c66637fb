package de.mitzeichnen.security;

import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.console.ConsoleUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Console sessions are signed JWTs in the cookie {@value #COOKIE} (Micronaut Security) that name a
 * recorded session (table console_session) and an account. The token carries no rights: {@link
 * SessionAuthentication} reads role, organisation and state from the account row on every request,
 * so a change of any of them counts on the next request. A session ends after the idle timeout,
 * after the maximum age ({@link SessionValidator}), when its row is deleted (logout, ended by an
 * admin, a new password, disabling), when the account is disabled or its password changes (the
 * account's session epoch moves on).
 */
@Singleton
public class Sessions {

    public static final String COOKIE = "mz_session";
    public static final String PATH = "/verwaltung";

    /** The token is re-issued (and the session's last-seen time written) at most this often. */
    static final Duration REFRESH_AFTER = Duration.ofMinutes(1);

    /** Claims of the session token besides sub (account id), iat (last seen) and exp. */
    static final String SESSION_ID = "sid";

    static final String EPOCH = "epoch";
    static final String LOGIN = "login";

    /**
     * Attributes of the request's Authentication read from the account row, never from the token.
     */
    static final String ORGANISER = "org";

    static final String EMAIL = "email";
    static final String NAME = "name";
    static final Set<String> FROM_ACCOUNT = Set.of(ORGANISER, EMAIL, NAME, "roles");

    /** Longest user agent kept (the column's width). */
    private static final int USER_AGENT_MAX = 200;

    private final ConsoleSessionRepository sessions;
    private final SecurityConfig config;
    private final Clock clock;

    Sessions(ConsoleSessionRepository sessions, SecurityConfig config, Clock clock) {
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** The account a request's Authentication describes (see {@link SessionAuthentication}). */
    public static Optional<ConsoleUser> user(Authentication a, @Nullable String ipHash) {
        Optional<Long> id = number(a.getName());
        AccountRole role =
                a.getRoles().contains(ConsoleUser.PLATFORM_ADMIN)
                        ? AccountRole.PLATFORM_ADMIN
                        : AccountRole.ORGANISER;
        Object email = a.getAttributes().get(EMAIL);
        Object name = a.getAttributes().get(NAME);
        Long organiser = number(a.getAttributes().get(ORGANISER)).orElse(null);
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

    /** Records a new session of the account (at login); clears sessions that ended by time. */
    void open(
            String sessionId,
            Account account,
            @Nullable String ipHash,
            @Nullable String userAgent) {
        Instant now = clock.instant();
        sessions.deleteEnded(
                now.minus(config.getSessionIdleTimeout()), now.minus(config.getSessionMaxAge()));
        String agent = userAgent == null ? null : userAgent.strip();
        if (agent != null && agent.length() > USER_AGENT_MAX) {
            agent = agent.substring(0, USER_AGENT_MAX);
        }
        sessions.save(
                new ConsoleSession(
                        Secrets.sha256(sessionId), account.id(), now, now, ipHash, agent));
    }

    /** The recorded session of a token's session id, if it is still open. */
    Optional<ConsoleSession> find(String sessionId) {
        return sessions.findById(Secrets.sha256(sessionId));
    }

    void seen(ConsoleSession session) {
        sessions.updateLastSeenAt(session.id(), clock.instant());
    }

    /** Ends the session for good, also where a copy of the cookie survives (logout). */
    void end(Authentication session) {
        handle(session).ifPresent(sessions::deleteById);
    }

    /** The account's sessions that have not ended, newest first. */
    public List<ConsoleSession> openOf(long accountId) {
        Instant now = clock.instant();
        return sessions
                .findByAccountIdAndLastSeenAtGreaterThanAndCreatedAtGreaterThanOrderByCreatedAtDesc(
                        accountId,
                        now.minus(config.getSessionIdleTimeout()),
                        now.minus(config.getSessionMaxAge()));
    }

    /** Ends one session of the account; false when it was not (or no longer) open. */
    public boolean end(long accountId, String handle) {
        return sessions.deleteByIdAndAccountId(handle, accountId) > 0;
    }

    /** Ends every session of the account; how many there were. */
    public int endAll(long accountId) {
        return sessions.deleteByAccountId(accountId);
    }

    /** How the session of a request is named in console_session (the hash of its id). */
    public static Optional<String> handle(Authentication session) {
        return Optional.ofNullable(session.getAttributes().get(SESSION_ID))
                .map(Object::toString)
                .map(Secrets::sha256);
    }

    static Optional<Instant> instant(Authentication session, String claim) {
        return number(session.getAttributes().get(claim)).map(Instant::ofEpochSecond);
    }

    /**
     * Claims come back from the token as numbers of some type, or as dates for the registered time
     * claims.
     */
    static Optional<Long> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof Date d) {
            return Optional.of(d.toInstant().getEpochSecond());
        }
        if (value instanceof String s && s.matches("-?[0-9]{1,19}")) {
            return Optional.of(Long.parseLong(s));
        }
        return Optional.empty();
    }
}
