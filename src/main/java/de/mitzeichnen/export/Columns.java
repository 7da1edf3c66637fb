package de.mitzeichnen.export;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.Texts;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The columns of the list exports (CSV and XLSX), in order, with their headings. */
final class Columns {

    static final List<String> KEYS =
            List.of(
                    "municipality",
                    "ags",
                    "land",
                    "kreis",
                    "population",
                    "name",
                    "role",
                    "body",
                    "email",
                    "trust",
                    "confirmedAt",
                    "textVersion");
    static final DateTimeFormatter CONFIRMED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(MitzeichnenConfig.ZONE);

    private Columns() {}

    static List<String> headings(Texts texts, Locale locale) {
        return KEYS.stream().map(k -> texts.get(locale, "export.col." + k)).toList();
    }

    /**
     * The signed text, as the first 12 hex digits of its fingerprint (the console shows which
     * version that is).
     */
    static String textVersion(ExportRow row) {
        return row.textHash() == null
                ? ""
                : row.textHash().substring(0, Math.min(12, row.textHash().length()));
    }

    /**
     * The trust level in words ({@code trust.CODE}, flag {@code trust.flag.FLAG}); a code without
     * words as is.
     */
    static String trust(ExportRow row, Texts texts, Locale locale) {
        if (row.trust() == null) {
            return "";
        }
        String trust = word(texts, locale, "trust." + row.trust(), row.trust());
        return row.trustFlag() == null
                ? trust
                : trust
                        + " ("
                        + word(texts, locale, "trust.flag." + row.trustFlag(), row.trustFlag())
                        + ")";
    }

    private static String word(Texts texts, Locale locale, String key, String code) {
        String text = texts.get(locale, key);
        return text.equals(key) ? code : text;
    }
}
