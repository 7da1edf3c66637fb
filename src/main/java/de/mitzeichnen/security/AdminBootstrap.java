package de.mitzeichnen.security;

import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.db.EmbeddedDatabase;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.web.Texts;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first account. When there is none: MITZEICHNEN_ADMIN_EMAIL and MITZEICHNEN_ADMIN_PASSWORD
 * make a platform admin; on the embedded development database without them, a demo admin {@value
 * #DEMO_EMAIL} gets a generated password that is printed once in the log. Once any account exists,
 * nothing happens.
 */
@Singleton
class AdminBootstrap implements ApplicationEventListener<StartupEvent> {

    static final String DEMO_EMAIL = "admin@mitzeichnen.local";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final SecurityConfig config;
    private final EmbeddedDatabase embedded;
    private final AccountRepository accounts;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final Texts texts;
    private final AuditLog audit;
    private final Clock clock;

    AdminBootstrap(
            SecurityConfig config,
            EmbeddedDatabase embedded,
            AccountRepository accounts,
            Passwords passwords,
            PasswordPolicy policy,
            Texts texts,
            AuditLog audit,
            Clock clock) {
        this.policy = policy;
        this.texts = texts;
        this.config = config;
        this.embedded = embedded;
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        boolean envEmail = !config.getAdminEmail().isEmpty();
        boolean envPassword = !config.getAdminPassword().isEmpty();
        if (envEmail != envPassword) {
            throw new ConfigurationException(
                    "Set both MITZEICHNEN_ADMIN_EMAIL and MITZEICHNEN_ADMIN_PASSWORD, or neither.");
        }
        if (accounts.count() > 0) {
            return;
        }
        if (envEmail) {
            String email = Account.normaliseEmail(config.getAdminEmail());
            if (!EmailAddress.valid(email)) {
                throw new ConfigurationException(
                        "MITZEICHNEN_ADMIN_EMAIL is not an e-mail address: " + email);
            }
            String problem = policy.problem(config.getAdminPassword(), email, null);
            if (problem != null) {
                throw new ConfigurationException(
                        "MITZEICHNEN_ADMIN_PASSWORD is refused: "
                                + texts.get(Locale.ENGLISH, problem));
            }
            create(email, config.getAdminPassword(), "environment");
            LOG.info("Created the platform admin {} from MITZEICHNEN_ADMIN_EMAIL", email);
        } else if (embedded.isEmbedded()) {
            String password = Secrets.randomToken(12);
            create(DEMO_EMAIL, password, "demo");
            LOG.warn(
                    "Created the demo platform admin for the console at /verwaltung: {} with password {} "
                            + "(shown only now; development only — set MITZEICHNEN_ADMIN_EMAIL and MITZEICHNEN_ADMIN_PASSWORD "
                            + "for a real installation)",
                    DEMO_EMAIL,
                    password);
        } else {
            LOG.warn(
                    "There is no console account yet. Set MITZEICHNEN_ADMIN_EMAIL and MITZEICHNEN_ADMIN_PASSWORD "
                            + "and restart to create the first platform admin.");
        }
    }

    private void create(String email, String password, String source) {
        Instant now = clock.instant();
        Account admin =
                accounts.save(
                        new Account(
                                null,
                                email,
                                "Plattform-Admin",
                                passwords.hash(password),
                                AccountRole.PLATFORM_ADMIN,
                                null,
                                true,
                                0,
                                now,
                                now,
                                null,
                                null));
        audit.record(
                Actor.system(),
                "ACCOUNT_CREATED",
                null,
                null,
                Map.of("account", admin.email(), "role", admin.role(), "source", source));
    }
}
