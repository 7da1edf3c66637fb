package de.mitzeichnen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: every relative link in README.md, docs/*.md and
 * bench/RESULTS.md reaches a file, and every #anchor a heading of it (as GitHub forms heading
 * anchors). Links to the web are not followed.
 */
class DocsLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}, the target without a title. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : documents()) {
            for (String target : links(file)) {
                if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue; // http:, https:, mailto:
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(file + ": " + target + " (no file " + resolved + ")");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(file + ": " + target + " (no heading with anchor #" + anchor + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 20, "only " + checked + " links found: is the pattern right?");
    }

    /**
     * {@code `security.LoginTest#method`} or {@code `LoginTest#method`} in inline code; a bare
     * {@code `#method`} refers to the class cited last on the same line.
     */
    private static final Pattern CITED_TEST =
            Pattern.compile("`((?:[a-z][a-z0-9]*\\.)*[A-Z]\\w*)?#(\\w+)`");

    private static final Pattern TEST_METHOD = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");

    @Test
    void everyTestMethodTheDocsCiteExists() throws IOException {
        Path root = Path.of("src/test/java/de/mitzeichnen");
        Map<String, Set<String>> methods = new HashMap<>(); // "security.LoginTest" → methods
        try (Stream<Path> sources = Files.walk(root)) {
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.');
                Set<String> found = new HashSet<>();
                Matcher m = TEST_METHOD.matcher(Files.readString(p));
                while (m.find()) {
                    found.add(m.group(1));
                }
                methods.put(name.substring(0, name.length() - ".java".length()), found);
            }
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path file : documents()) {
            int lineNo = 0;
            for (String line : lines(file)) {
                lineNo++;
                String last = null;
                Matcher m = CITED_TEST.matcher(line);
                while (m.find()) {
                    String cls = m.group(1) != null ? m.group(1) : last;
                    if (cls == null || cls.equals("Class") || cls.equals("package.Class")) {
                        continue;
                    }
                    last = cls;
                    checked++;
                    String method = m.group(2);
                    boolean exists =
                            methods.entrySet().stream()
                                    .anyMatch(
                                            e ->
                                                    (e.getKey().equals(cls)
                                                                    || e.getKey()
                                                                            .endsWith("." + cls))
                                                            && e.getValue().contains(method));
                    if (!exists) {
                        missing.add(file.getFileName() + ":" + lineNo + ": " + cls + "#" + method);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "cited test methods that do not exist");
        assertTrue(checked > 100, "only " + checked + " cited test methods found");
    }

    @Test
    void theReadmeKeepsTheTwoCommandsThatCiRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("\n./mvnw mn:run "), "README: ./mvnw mn:run");
        assertTrue(readme.contains("\n./mvnw -B verify "), "README: ./mvnw -B verify");
        List<String> ci = Files.readAllLines(Path.of(".ci/run"));
        assertEquals("./mvnw -B verify", ci.get(ci.size() - 1).strip());
    }

    @Test
    void anchorsAreFormedAsGitHubFormsThem() {
        assertEquals("signing-the-flow", slug("Signing: the flow"));
        assertEquals(
                "the-signature-life-cycle-one-owner", slug("The signature life cycle (one owner)"));
        assertEquals("the-console-verwaltung", slug("The console (`/verwaltung`)"));
        assertEquals("retention-dsgvo", slug("Retention (DSGVO)"));
        assertEquals("start-up-times-from-the-readme", slug("Start-up times (from the README)"));
        assertEquals("straße-und-größe", slug("Straße und Größe"));
    }

    private static List<Path> documents() {
        List<Path> files =
                new ArrayList<>(
                        List.of(
                                Path.of("README.md").toAbsolutePath(),
                                Path.of("bench/RESULTS.md").toAbsolutePath()));
        try (Stream<Path> docs = Files.list(Path.of("docs").toAbsolutePath())) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(files.size() >= 8, "README, bench/RESULTS.md and the docs: " + files);
        return files;
    }

    /** Link targets outside fenced code blocks and inline code. */
    private static List<String> links(Path file) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(file)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static final Map<Path, Set<String>> ANCHORS = new HashMap<>();

    private static Set<String> anchors(Path file) {
        return ANCHORS.computeIfAbsent(
                file,
                f -> {
                    Set<String> out = new HashSet<>();
                    Map<String, Integer> seen = new HashMap<>();
                    boolean fenced = false;
                    for (String line : lines(f)) {
                        if (line.strip().startsWith("```")) {
                            fenced = !fenced;
                            continue;
                        }
                        Matcher m = HEADING.matcher(line);
                        if (!fenced && m.matches()) {
                            String slug = slug(m.group(1));
                            int n = seen.merge(slug, 1, Integer::sum);
                            out.add(n == 1 ? slug : slug + "-" + (n - 1));
                        }
                    }
                    return out;
                });
    }

    /**
     * GitHub's heading anchor: lower case, markup and punctuation dropped (letters, digits, '-' and
     * '_' stay), blanks become '-'.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                .replace(' ', '-');
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
