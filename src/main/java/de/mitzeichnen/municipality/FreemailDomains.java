package de.mitzeichnen.municipality;

import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shipped list of free-mail providers' domains; such domains never speak for a municipality.
 */
@Singleton
class FreemailDomains {

    static final String FREEMAIL_FILE = "municipality/freemail-domains.txt";

    private final Set<String> freemail = loadFreemail();

    /**
     * Whether the domain (or a parent of it) belongs to a free-mail provider; any "yahoo" domain
     * does.
     */
    boolean isFreemail(String domain) {
        Optional<String> d = MailDomains.normaliseDomain(domain);
        if (d.isEmpty()) {
            return false;
        }
        String[] labels = d.get().split("\\.");
        for (int i = 0; i < labels.length - 1; i++) {
            if (labels[i].equals("yahoo")) {
                return true;
            }
        }
        return MailDomains.selfAndParents(d.get()).stream().anyMatch(freemail::contains);
    }

    private static Set<String> loadFreemail() {
        Set<String> out = new HashSet<>();
        InputStream in = FreemailDomains.class.getClassLoader().getResourceAsStream(FREEMAIL_FILE);
        if (in == null) {
            throw new IllegalStateException(FREEMAIL_FILE + " is missing from the classpath");
        }
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
