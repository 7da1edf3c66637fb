package de.mitzeichnen.export;

import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.web.Texts;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The columns of the list exports (CSV and XLSX), in order, with their headings. */
final class Columns {

    static final List<String> KEYS = List.of("municipality", "ags", "land", "kreis", "population", "name", "role",
            "body", "email", "trust", "confirmedAt", "textVersion");
    static final DateTimeFormatter CONFIRMED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(MitzeichnenConfig.ZONE);

    private Columns() {
    }

    static List<String> headings(Texts texts, Locale locale) {
        return KEYS.stream().map(k -> texts.get(locale, "export.col." + k)).toList();
    }

    /** The signed text, as the first 12 hex digits of its fingerprint (the console shows which version that is). */
    static String textVersion(ExportRow row) {
        return row.textHash() == null ? "" : row.textHash().substring(0, Math.min(12, row.textHash().length()));
    }

    static String trust(ExportRow row) {
        if (row.trust() == null) {
            return "";
        }
        return row.trustFlag() == null ? row.trust() : row.trust() + " (" + row.trustFlag() + ")";
    }
}
