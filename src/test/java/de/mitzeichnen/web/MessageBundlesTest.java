package de.mitzeichnen.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.SignerRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages are complete: same keys, and every key a template or Java source names exists. */
class MessageBundlesTest {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.\\-]+)");
    private static final Pattern JAVA_KEY = Pattern.compile("\"((?:[a-z]+\\.)+[a-zA-Z0-9_]+)\"");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void germanAndEnglishHaveTheSameKeysAndNoEmptyValues() throws IOException {
        Properties de = load("messages_de.properties");
        Properties en = load("messages_en.properties");
        Set<String> onlyDe = new TreeSet<>(de.stringPropertyNames());
        onlyDe.removeAll(en.stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en.stringPropertyNames());
        onlyEn.removeAll(de.stringPropertyNames());
        assertEquals(Set.of(), onlyDe, "keys missing in English");
        assertEquals(Set.of(), onlyEn, "keys missing in German");
        de.forEach((k, v) -> assertTrue(!v.toString().isBlank(), "empty German text for " + k));
        en.forEach((k, v) -> assertTrue(!v.toString().isBlank(), "empty English text for " + k));
    }

    @Test
    void everyKeyUsedInTemplatesExists() throws IOException {
        Properties de = load("messages_de.properties");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("templates"))) {
            for (Path f :
                    files.filter(
                                    p ->
                                            p.toString().endsWith(".html")
                                                    || p.toString().endsWith(".txt"))
                            .toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    if (!de.containsKey(m.group(1))) {
                        missing.add(m.group(1) + " (" + f + ")");
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void everyKeyNamedInJavaSourcesExists() throws IOException {
        Properties de = load("messages_de.properties");
        Set<String> prefixes = new TreeSet<>();
        de.stringPropertyNames().forEach(k -> prefixes.add(k.substring(0, k.indexOf('.') + 1)));
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = JAVA_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    boolean looksLikeMessage = prefixes.stream().anyMatch(key::startsWith);
                    if (looksLikeMessage && !de.containsKey(key) && !key.endsWith(".")) {
                        missing.add(key + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void noTextHasAStraightApostropheTheFormatterWouldEat() throws IOException {
        // MessageFormat reads ' as a quote: "this appeal's list" would show as "this appeals list"
        for (String bundle : List.of("messages_de.properties", "messages_en.properties")) {
            Properties p = load(bundle);
            for (String key : p.stringPropertyNames()) {
                String text = p.getProperty(key).replace("''", "");
                assertFalse(
                        text.matches("(?s).*\\p{L}'\\p{L}.*|(?s).*\\p{L}' .*"),
                        bundle + ": " + key + " has a straight apostrophe; write \u2019");
            }
        }
    }

    @Test
    void everyRoleHasALabel() throws IOException {
        Properties de = load("messages_de.properties");
        Properties en = load("messages_en.properties");
        for (SignerRole role : SignerRole.values()) {
            assertTrue(de.containsKey(role.messageKey()), role.name());
            assertTrue(en.containsKey(role.messageKey()), role.name());
        }
    }
}
