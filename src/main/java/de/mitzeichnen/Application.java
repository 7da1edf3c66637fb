package de.mitzeichnen;

import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.Micronaut;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            // Reports carry umlauts and dashes: UTF-8, whatever the platform's default.
            System.exit(Commands.run(args, utf8(FileDescriptor.out)));
        }
        new RefusingStart().mainClass(Application.class).args(args).start();
    }

    /**
     * A start that fails tells the operator why once, in plain words, and exits with 1: Micronaut
     * itself logs the error with every nested bean's stack frames, repeating the message at each
     * level, while what the operator must fix is one sentence.
     */
    static final class RefusingStart extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable e) {
            // the whole trace only for whoever turned on debug logging
            LOG.debug("The start failed", e);
            utf8(FileDescriptor.err).println("Mitzeichnen did not start: " + reason(e));
            System.exit(1);
        }
    }

    /**
     * The configuration's own message when a setting was refused; otherwise the innermost cause's
     * message (a database that does not answer, a port in use), which names the problem.
     */
    static String reason(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ConfigurationException && t.getMessage() != null) {
                return t.getMessage().strip();
            }
            innermost = t;
        }
        String message = innermost.getMessage();
        String why =
                message == null || message.isBlank()
                        ? innermost.getClass().getSimpleName()
                        : message.strip().lines().findFirst().orElse("");
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return "the database does not answer or refuses the connection ("
                        + why
                        + "); check DATASOURCES_DEFAULT_URL, DATASOURCES_DEFAULT_USERNAME and "
                        + "DATASOURCES_DEFAULT_PASSWORD.";
            }
        }
        return why;
    }

    private static PrintStream utf8(FileDescriptor fd) {
        return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
    }
}
