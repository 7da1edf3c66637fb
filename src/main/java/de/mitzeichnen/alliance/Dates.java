package de.mitzeichnen.alliance;

import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as date fields send them (2019-06-14), as people type them (14.6.2019) and as shown. */
final class Dates {

    private static final Pattern GERMAN = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private Dates() {}

    /** The date, or null when the text is none (empty, malformed, a 31st of February). */
    static @Nullable LocalDate parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        try {
            Matcher iso = ISO.matcher(t);
            if (iso.matches()) {
                return LocalDate.of(
                        Integer.parseInt(iso.group(1)),
                        Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Matcher de = GERMAN.matcher(t);
            if (de.matches()) {
                return LocalDate.of(
                        Integer.parseInt(de.group(3)),
                        Integer.parseInt(de.group(2)),
                        Integer.parseInt(de.group(1)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** 14.06.2019: in messages of both languages (unambiguous, and what town halls write). */
    static String shown(LocalDate date) {
        return SHOWN.format(date);
    }
}
