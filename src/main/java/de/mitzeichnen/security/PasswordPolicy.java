package de.mitzeichnen.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * What a new console password must be (OWASP ASVS 5.0, V6.2): at least 12 and up to 200 characters
 * of any kind, no composition rules, nothing a guesser tries first. nbvcxz estimates how guessable
 * it is against its shipped lists (about 100,000 common passwords, words and names, keyboard rows,
 * sequences, repetitions, years) plus the context-specific words of this account (its e-mail
 * address, the product's and the organisation's name); below nbvcxz's default of 35 bits it is
 * refused, and so is a password that contains one of those words outright.
 */
@Singleton
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;

    /** Estimating costs time with the length; beyond this many characters nothing is gained. */
    static final int ESTIMATED_LENGTH = 64;

    static final String PRODUCT = "Mitzeichnen";

    /** Words of organisation names that say nothing about one organisation. */
    private static final Set<String> GENERIC =
            Set.of(
                    "stadt",
                    "gemeinde",
                    "landkreis",
                    "kreis",
                    "markt",
                    "verwaltung",
                    "hansestadt",
                    "samtgemeinde",
                    "verbandsgemeinde",
                    "amt");

    private static final String CONTEXT = "context";
    private static final String COMMON = "passwords";

    private final List<Dictionary> shipped = ConfigurationBuilder.getDefaultDictionaries();

    /**
     * The message key of what is wrong with a new password, or null when it is acceptable.
     *
     * @param email the account's address (as entered)
     * @param organisation the account's organisation's name, if any
     */
    public @Nullable String problem(
            @Nullable String password, @Nullable String email, @Nullable String organisation) {
        if (password == null || password.isEmpty()) {
            return "security.password.required";
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            return "security.password.control";
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "security.password.tooShort";
        }
        if (length > MAX_LENGTH) {
            return "security.password.tooLong";
        }
        List<String> words = contextWords(email, organisation);
        String compact = compact(password);
        if (words.stream().map(PasswordPolicy::compact).anyMatch(w -> compact.contains(w))) {
            return "security.password.context";
        }
        Result result = estimator(words).estimate(head(password));
        if (result.isMinimumEntropyMet()) {
            return null;
        }
        if (matched(result, CONTEXT)) {
            return "security.password.context";
        }
        return matched(result, COMMON) ? "security.password.common" : "security.password.guessable";
    }

    /** E-mail address, its parts, the product's and the organisation's name and its own words. */
    static List<String> contextWords(@Nullable String email, @Nullable String organisation) {
        Set<String> words = new LinkedHashSet<>();
        words.add(PRODUCT);
        String e = Account.normaliseEmail(email);
        if (!e.isEmpty()) {
            words.add(e);
            int at = e.indexOf('@');
            if (at > 0) {
                words.add(e.substring(0, at));
                String domain = e.substring(at + 1);
                int dot = domain.lastIndexOf('.');
                words.add(dot > 0 ? domain.substring(0, dot) : domain);
            }
        }
        if (organisation != null && !organisation.isBlank()) {
            words.add(organisation.strip());
            Arrays.stream(organisation.split("[\\s,./()-]+"))
                    .filter(w -> !GENERIC.contains(w.toLowerCase(Locale.ROOT)))
                    .forEach(words::add);
        }
        // short pieces ("am", "de") would refuse half the language
        return words.stream().filter(w -> compact(w).length() >= 5).toList();
    }

    private Nbvcxz estimator(List<String> words) {
        DictionaryBuilder context = new DictionaryBuilder().setDictionaryName(CONTEXT);
        context.setExclusion(true);
        words.forEach(w -> context.addWord(w.toLowerCase(Locale.ROOT), 0));
        List<Dictionary> dictionaries = new ArrayList<>(shipped);
        dictionaries.add(context.createDictionary());
        Configuration configuration =
                new ConfigurationBuilder().setDictionaries(dictionaries).createConfiguration();
        return new Nbvcxz(configuration);
    }

    private static boolean matched(Result result, String dictionary) {
        return result.getMatches().stream()
                .anyMatch(
                        m ->
                                m instanceof DictionaryMatch d
                                        && dictionary.equals(d.getDictionaryName()));
    }

    private static String head(String password) {
        return password.codePointCount(0, password.length()) <= ESTIMATED_LENGTH
                ? password
                : password.substring(0, password.offsetByCodePoints(0, ESTIMATED_LENGTH));
    }

    /** Lower case letters and digits only: „Frankfurt am Main" and „frankfurt-am-main" are one. */
    private static String compact(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
