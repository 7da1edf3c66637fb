package de.mitzeichnen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.security.Account;
import de.mitzeichnen.security.Accounts;
import de.mitzeichnen.security.Passwords;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Console accounts with unique addresses and one known password, and browsers signed in as them.
 */
@Singleton
public class ConsoleAccounts {

    public static final String PASSWORD = "ein-sicheres-Testpasswort-42";

    private final Accounts accounts;
    private final Passwords passwords;
    private volatile String passwordHash;

    ConsoleAccounts(Accounts accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    public Account admin() {
        return create(AccountRole.PLATFORM_ADMIN, null, "admin");
    }

    public Account organiser(Organiser organiser) {
        return create(AccountRole.ORGANISER, organiser.id(), "orga");
    }

    private Account create(AccountRole role, Long organiserId, String prefix) {
        if (passwordHash == null) {
            passwordHash = passwords.hash(PASSWORD);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return accounts.seed(
                new Account(
                        null,
                        Fixtures.unique(prefix).toLowerCase() + "@test.example",
                        "Test " + prefix,
                        passwordHash,
                        role,
                        organiserId,
                        true,
                        0,
                        now,
                        now,
                        null,
                        null));
    }

    /** A browser of its own (own client address) that has signed in as {@code account}. */
    public Web signedIn(URI base, Account account) {
        Web web = new Web(base).withHeader("X-Forwarded-For", randomAddress());
        Web.Page after =
                web.postForm(
                        "/verwaltung/anmelden",
                        "/verwaltung/anmelden",
                        Web.form("email", account.email(), "password", PASSWORD));
        assertEquals(303, after.status(), after.body());
        return web;
    }

    /** A documentation-range address nobody else uses in this run. */
    public static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }
}
