package de.mitzeichnen.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.moderation.ModerationAction;
import de.mitzeichnen.organiser.OrganiserKind;
import de.mitzeichnen.outcome.OutcomeKind;
import de.mitzeichnen.signing.VerificationMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks every audit action, detail key and coded value the source can write, and fails on one the
 * log would show as a code („OUTCOME_RECORDED", „method: LETTER") in either language.
 */
@MicronautTest(transactional = false)
class AuditWordsCompleteTest {

    static final Path MAIN = Path.of("src/main/java/de/mitzeichnen");
    static final List<Locale> LOCALES = List.of(Locale.GERMAN, Locale.ENGLISH);
    static final Pattern CODE = Pattern.compile("\"([A-Z][A-Z_]*[A-Z])\"");
    static final Pattern KEY = Pattern.compile("\"([a-z][A-Za-z]*)\"\\s*,");
    static final Pattern PUT = Pattern.compile("details\\.put\\(\\s*\"([a-z][A-Za-z]*)\"");
    static final Pattern HYPHENATED = Pattern.compile("\"([a-z]+(?:-[a-z]+)+)\"");
    static final Pattern REASON = Pattern.compile("\"reason\",\\s*\"([a-z-]+)\"");

    /** Keys whose values are names, numbers, addresses or free text: shown as they are. */
    static final Set<String> FREE =
            Set.of(
                    "account",
                    "previousEmail",
                    "newPassword",
                    "enabled",
                    "sessionsEnded",
                    "slug",
                    "title",
                    "version",
                    "hash",
                    "name",
                    "signature",
                    "rows",
                    "file",
                    "invited",
                    "withProblems",
                    "reminded",
                    "errors",
                    "municipalities",
                    "added",
                    "updated",
                    "retired",
                    "reactivated",
                    "unchanged",
                    "domain",
                    "ags",
                    "municipality",
                    "mailed",
                    "plannedDeadline",
                    "gebietsstand",
                    "date",
                    "filter",
                    "address",
                    "signatures",
                    "counted",
                    "organiser",
                    "previousOrganiser",
                    // alliances: addresses, places, dates as ISO text, the basis as typed, yes/no
                    "visible",
                    "previousSlug",
                    "member",
                    "joinedOn",
                    "leftOn",
                    "basis");

    @Inject AuditWords words;

    @Test
    void everyActionDetailAndCodeHasWordsInBothLanguages() throws IOException {
        Map<String, Properties> bundles = new LinkedHashMap<>();
        for (String lang : List.of("de", "en")) {
            Properties p = new Properties();
            try (InputStream in =
                    Files.newInputStream(
                            Path.of("src/main/resources/i18n/messages_" + lang + ".properties"))) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            bundles.put(lang, p);
        }
        Set<String> actions = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> reasons = new LinkedHashSet<>();
        List<String> unknownForms = new ArrayList<>();
        for (Path file : javaFiles()) {
            String src = Files.readString(file);
            if (file.endsWith("AuditLog.java")) {
                continue;
            }
            int at = 0;
            boolean records = false;
            while ((at = src.indexOf("audit.record(", at)) >= 0) {
                records = true;
                String call = callText(src, at + "audit.record(".length());
                at += 1;
                String action = arguments(call).get(1);
                Matcher m = CODE.matcher(action);
                boolean found = false;
                while (m.find()) {
                    // "CLEAR".equals(action) ? … compares, it is not recorded
                    if (!action.startsWith(".equals", m.end())) {
                        found = true;
                        actions.add(m.group(1));
                    }
                }
                if (action.contains("action.get().name()")) {
                    // "SIGNATURE_" + action.get().name(): one action per moderation action
                    String prefix =
                            action.substring(action.indexOf('"') + 1, action.lastIndexOf('"'));
                    Arrays.stream(ModerationAction.values())
                            .forEach(a -> actions.add(prefix + a.name()));
                    found = true;
                } else if (assignedCodes(src, action.strip()).size() > 0) {
                    // String action = cond ? "A" : "B"; audit.record(…, action, …)
                    actions.addAll(assignedCodes(src, action.strip()));
                    found = true;
                } else if (action.strip().matches("\\w+ \\+ \"[A-Z_]+\"")) {
                    // prefix + "_IMPORT_REJECTED": the prefixes are the file's literal arguments
                    // whose "<prefix>_IMPORTED" the same file records
                    String suffix =
                            action.substring(action.indexOf('"') + 1, action.lastIndexOf('"'));
                    Matcher literal = Pattern.compile("(?m)^\\s*\"([A-Z_]+)\",\\s*$").matcher(src);
                    while (literal.find()) {
                        if (src.contains("\"" + literal.group(1) + "_IMPORTED\"")) {
                            actions.add(literal.group(1) + suffix);
                            found = true;
                        }
                    }
                } else if (action.strip().equals("action") && file.endsWith("AppealStore.java")) {
                    // AppealStore.transition records what AppealEditor names
                    Matcher e =
                            CODE.matcher(
                                    Files.readString(file.resolveSibling("AppealEditor.java")));
                    while (e.find()) {
                        if (e.group(1).startsWith("APPEAL_")) {
                            actions.add(e.group(1));
                            found = true;
                        }
                    }
                }
                if (!found) {
                    unknownForms.add(file + ": " + action.strip());
                }
                Matcher k = KEY.matcher(call);
                while (k.find()) {
                    keys.add(k.group(1));
                }
                Matcher h = HYPHENATED.matcher(call);
                while (h.find()) {
                    reasons.add(h.group(1));
                }
                Matcher r = REASON.matcher(call);
                while (r.find()) {
                    reasons.add(r.group(1));
                }
            }
            if (records) {
                Matcher p = PUT.matcher(src);
                while (p.find()) {
                    keys.add(p.group(1));
                }
            }
        }
        assertEquals(
                List.of(),
                unknownForms,
                "audit.record calls whose action this test cannot read: teach it the form");
        assertTrue(actions.size() > 30, "found only " + actions);
        assertTrue(actions.contains("OUTCOME_RECORDED") && actions.contains("SIGNATURE_VERIFY"));
        assertTrue(keys.contains("method") && keys.contains("kind"), keys.toString());

        List<String> missing = new ArrayList<>();
        bundles.forEach(
                (lang, p) -> {
                    actions.stream()
                            .filter(a -> !p.containsKey("audit.action." + a))
                            .forEach(a -> missing.add(lang + ": audit.action." + a));
                    keys.stream()
                            .filter(k -> !p.containsKey("audit.detail." + k))
                            .forEach(k -> missing.add(lang + ": audit.detail." + k));
                });
        assertEquals(List.of(), missing, "audit texts missing");

        // every coded value, by the key it is written under
        Map<String, List<String>> coded = new LinkedHashMap<>();
        coded.put("method", names(VerificationMethod.values()));
        List<String> kinds = new ArrayList<>(names(OrganiserKind.values()));
        kinds.addAll(names(OutcomeKind.values()));
        coded.put("kind", kinds);
        coded.put("from", names(AppealStatus.values()));
        coded.put("to", names(AppealStatus.values()));
        coded.put("role", names(AccountRole.values()));
        coded.put("previousRole", names(AccountRole.values()));
        coded.put("reason", List.copyOf(reasons));
        coded.put("source", List.of("environment", "demo", "organiser"));
        coded.put("days", List.of("default"));
        coded.put("fields", appealFields());
        coded.put("format", List.of("csv", "xlsx"));
        coded.keySet().retainAll(keys);

        List<String> unclassified =
                keys.stream().filter(k -> !FREE.contains(k) && !coded.containsKey(k)).toList();
        assertEquals(
                List.of(),
                unclassified,
                "detail keys neither free text nor coded: say which codes they can hold");
        assertFalse(reasons.isEmpty());

        List<String> asCodes = new ArrayList<>();
        for (Locale locale : LOCALES) {
            coded.forEach(
                    (key, codes) -> {
                        assertFalse(codes.isEmpty(), key);
                        for (String code : codes) {
                            String shown =
                                    words.describe(Map.<String, Object>of(key, code), locale)
                                            .values()
                                            .iterator()
                                            .next()
                                            .toString();
                            if (shown.equals(code)) {
                                asCodes.add(locale + " " + key + ": " + code);
                            }
                        }
                    });
        }
        assertEquals(List.of(), asCodes, "coded values shown as codes");

        // the cases of the issue, word for word
        assertEquals(
                "Wie geprüft",
                words.describe(Map.<String, Object>of("method", "LETTER"), Locale.GERMAN)
                        .keySet()
                        .iterator()
                        .next());
        assertEquals(
                "Brief",
                words.describe(Map.<String, Object>of("method", "LETTER"), Locale.GERMAN)
                        .values()
                        .iterator()
                        .next());
        assertEquals(
                "letter",
                words.describe(Map.<String, Object>of("method", "LETTER"), Locale.ENGLISH)
                        .values()
                        .iterator()
                        .next()
                        .toString()
                        .toLowerCase(Locale.ROOT));
    }

    /** The codes of {@code String name = …;} in the source. */
    static List<String> assignedCodes(String src, String name) {
        List<String> out = new ArrayList<>();
        if (!name.matches("\\w+")) {
            return out;
        }
        Matcher assigned = Pattern.compile("String " + name + "\\s*=([^;]*);").matcher(src);
        while (assigned.find()) {
            Matcher c = CODE.matcher(assigned.group(1));
            while (c.find()) {
                out.add(c.group(1));
            }
        }
        return out;
    }

    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** The field names AppealStore.changedFields can write. */
    static List<String> appealFields() {
        try {
            String src = Files.readString(MAIN.resolve("appeal/AppealStore.java"));
            Matcher m = Pattern.compile("add\\(f, \"(\\w+)\"").matcher(src);
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            assertTrue(out.size() > 5, out.toString());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> javaFiles() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The text between the call's parentheses. */
    static String callText(String src, int from) {
        int depth = 1;
        boolean inString = false;
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '"' && src.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && c == '(') {
                depth++;
            } else if (!inString && c == ')' && --depth == 0) {
                return src.substring(from, i);
            }
        }
        throw new IllegalStateException("unbalanced call at " + from);
    }

    /** Top-level arguments of a call text. */
    static List<String> arguments(String call) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < call.length(); i++) {
            char c = call.charAt(i);
            if (c == '"' && (i == 0 || call.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == '(' || c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == ')' || c == '}' || c == ']')) {
                depth--;
            } else if (!inString && depth == 0 && c == ',') {
                out.add(call.substring(start, i));
                start = i + 1;
            }
        }
        out.add(call.substring(start));
        return out;
    }
}
