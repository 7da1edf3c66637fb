package de.mitzeichnen.municipality;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalised forms of place names for searching and de-duplicating. "München", "Muenchen" and
 * "Munchen" all become "munchen": umlauts and their two-letter spellings fold to the plain vowel, ß
 * to ss, other accents are dropped, everything but letters and digits becomes a single space, and
 * "Sankt" is written "st" as the register abbreviates it. Written as one pass over the characters:
 * it runs for every search request.
 */
final class SearchKeys {

    private SearchKeys() {}

    /** The loose key: what is stored in {@code search_key} and compared when searching. */
    static String key(String text) {
        String s = letters(text, false);
        if (s.isEmpty()) {
            return s;
        }
        // The two-letter spellings of umlauts fold to the vowel, in names and queries alike.
        s = s.replace("ae", "a").replace("oe", "o").replace("ue", "u");
        if (s.contains("sankt")) {
            s = (" " + s + " ").replace(" sankt ", " st ").strip();
        }
        return s;
    }

    /**
     * A stricter key that keeps umlauts apart from the plain vowel (ä → ae), used only to choose
     * between names that share a loose key.
     */
    static String strictKey(String text) {
        return letters(text, true);
    }

    /**
     * Lower-case a–z and 0–9 words separated by single spaces; umlauts as a/o/u, or ae/oe/ue when
     * strict.
     */
    private static String letters(String text, boolean strict) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        boolean separated = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String mapped;
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + 32);
                }
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    b.append(c);
                    separated = false;
                } else if (!separated) {
                    b.append(' ');
                    separated = true;
                }
                continue;
            }
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // a combining accent typed separately: the letter before it stays as it
                // is
            }
            mapped =
                    switch (Character.toLowerCase(c)) {
                        case 'ä' -> strict ? "ae" : "a";
                        case 'ö' -> strict ? "oe" : "o";
                        case 'ü' -> strict ? "ue" : "u";
                        case 'ß', 'ẞ' -> "ss";
                        case 'æ' -> "ae";
                        case 'œ' -> "oe";
                        case 'ø' -> "o";
                        case 'ł' -> "l";
                        case 'đ' -> "d";
                        case 'ı' -> "i";
                        default -> plain(c);
                    };
            if (!mapped.isEmpty()) {
                b.append(mapped);
                separated = false;
            } else if (!separated) {
                b.append(' ');
                separated = true;
            }
        }
        int end = b.length();
        if (end > 0 && b.charAt(end - 1) == ' ') {
            b.setLength(end - 1);
        }
        return b.toString();
    }

    /**
     * The a–z/0–9 letters left of a character once its accents are taken off: é → e, ñ → n, б →
     * nothing.
     */
    private static String plain(char c) {
        String decomposed =
                Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)
                        .toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(2);
        for (int i = 0; i < decomposed.length(); i++) {
            char d = decomposed.charAt(i);
            if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9')) {
                b.append(d);
            }
        }
        return b.toString();
    }
}
