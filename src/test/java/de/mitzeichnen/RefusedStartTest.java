package de.mitzeichnen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.testsupport.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A start the configuration refuses prints the reason once, without stack frames, and exits
 * non-zero: the application is started as the operator starts it, in a JVM of its own.
 */
class RefusedStartTest {

    static final String SECRET_A = "a".repeat(24) + "B".repeat(24);
    static final String SECRET_B = "c".repeat(24) + "D".repeat(24);

    record Run(int exit, String output) {}

    /** Runs the application's main class with the given environment (and nothing inherited). */
    static Run start(Map<String, String> env) throws IOException, InterruptedException {
        // the main classes and libraries only: the tests' logback and application-test.yml
        // would change what the operator sees
        String classpath =
                Arrays.stream(
                                System.getProperty(
                                                // surefire may start the tests from a manifest-only
                                                // jar
                                                "surefire.test.class.path",
                                                System.getProperty("java.class.path"))
                                        .split(File.pathSeparator))
                        .filter(p -> !p.endsWith("test-classes"))
                        .collect(Collectors.joining(File.pathSeparator));
        Path out = Files.createTempFile("refused-start", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                classpath,
                                "de.mitzeichnen.Application")
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        pb.environment()
                .keySet()
                .removeIf(
                        k ->
                                k.startsWith("MITZEICHNEN_")
                                        || k.startsWith("DATASOURCES_")
                                        || k.startsWith("MICRONAUT_"));
        pb.environment().put("MICRONAUT_SERVER_PORT", "-1");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(
                    "still running after 120 s: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Run(p.exitValue(), output);
    }

    static Map<String, String> database() {
        TestDatabase.start();
        Map<String, String> env = new HashMap<>();
        env.put("DATASOURCES_DEFAULT_URL", System.getProperty("datasources.default.url"));
        env.put("DATASOURCES_DEFAULT_USERNAME", System.getProperty("datasources.default.username"));
        env.put("DATASOURCES_DEFAULT_PASSWORD", System.getProperty("datasources.default.password"));
        return env;
    }

    static void assertRefusedPlainly(Run run, String reason) {
        assertTrue(run.exit() != 0, "exit code " + run.exit() + "\n" + run.output());
        List<String> lines = run.output().lines().toList();
        List<String> refusals =
                lines.stream().filter(l -> l.startsWith("Mitzeichnen did not start: ")).toList();
        assertEquals(1, refusals.size(), run.output());
        assertTrue(refusals.get(0).contains(reason), run.output());
        assertEquals(
                1,
                run.output().split(java.util.regex.Pattern.quote(reason), -1).length - 1,
                "the reason once:\n" + run.output());
        assertFalse(
                lines.stream()
                        .anyMatch(l -> l.strip().startsWith("at ") || l.contains("Exception:")),
                "no stack frames:\n" + run.output());
    }

    @Test
    void aPublicServiceWithoutPrivacyNoticeIsRefusedInOneLine() throws Exception {
        Map<String, String> env = database();
        env.put("MITZEICHNEN_BASE_URL", "https://mitzeichnen.example.org");
        env.put("MITZEICHNEN_SESSION_SECRET", SECRET_A);
        env.put("MITZEICHNEN_IP_HASH_KEY", SECRET_B);
        env.put("MITZEICHNEN_SMTP_HOST", "127.0.0.1");
        assertRefusedPlainly(start(env), "needs a privacy notice");
    }

    @Test
    void aPublicServiceWithoutSecretsIsRefusedInOneLine() throws Exception {
        Map<String, String> env = database();
        env.put("MITZEICHNEN_BASE_URL", "https://mitzeichnen.example.org");
        env.put("MITZEICHNEN_SMTP_HOST", "127.0.0.1");
        env.put("MITZEICHNEN_PRIVACY_URL", "https://example.org/datenschutz");
        env.put("MITZEICHNEN_IMPRINT_URL", "https://example.org/impressum");
        assertRefusedPlainly(start(env), "MITZEICHNEN_SESSION_SECRET is not set");
    }

    @Test
    void aPublicServiceWithoutSmtpIsRefusedInOneLine() throws Exception {
        Map<String, String> env = database();
        env.put("MITZEICHNEN_BASE_URL", "https://mitzeichnen.example.org");
        env.put("MITZEICHNEN_SESSION_SECRET", SECRET_A);
        env.put("MITZEICHNEN_IP_HASH_KEY", SECRET_B);
        env.put("MITZEICHNEN_PRIVACY_URL", "https://example.org/datenschutz");
        env.put("MITZEICHNEN_IMPRINT_URL", "https://example.org/impressum");
        assertRefusedPlainly(start(env), "MITZEICHNEN_SMTP_HOST is not set");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsRefusedInOneLine() throws Exception {
        Run run =
                start(
                        Map.of(
                                "DATASOURCES_DEFAULT_URL",
                                "jdbc:mysql://127.0.0.1:9/nothing?connectTimeout=2000"));
        assertRefusedPlainly(run, "the database does not answer or refuses the connection");
    }
}
