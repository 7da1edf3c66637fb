package de.mitzeichnen.municipality;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalised forms of place names for searching and de-duplicating. "München", "Muenchen" and "Munchen" all
 * become "munchen": umlauts and their two-letter spellings fold to the plain vowel, ß to ss, other accents
 * are dropped, punctuation becomes a single space, and "Sankt" is written "st" as the register abbreviates it.
 */
final class SearchKeys {

    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SANKT = Pattern.compile("(^| )sankt( |$)");

    private SearchKeys() {
    }

    /** The loose key: what is stored in {@code search_key} and compared when searching. */
    static String key(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.GERMAN)
                .replace("ß", "ss").replace("ẞ", "ss")
                .replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("ł", "l").replace("đ", "d")
                .replace("ı", "i");
        s = COMBINING.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = NON_ALNUM.matcher(s).replaceAll(" ").trim();
        // The two-letter spellings of umlauts fold to the vowel, in names and queries alike.
        s = s.replace("ae", "a").replace("oe", "o").replace("ue", "u");
        s = SANKT.matcher(s).replaceAll("$1st$2");
        return s;
    }

    /**
     * A stricter key that keeps umlauts apart from the plain vowel (ä → ae), used only to choose between names
     * that share a loose key.
     */
    static String strictKey(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.GERMAN)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("ẞ", "ss");
        s = COMBINING.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALNUM.matcher(s).replaceAll(" ").trim();
    }
}
