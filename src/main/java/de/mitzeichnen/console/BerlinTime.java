package de.mitzeichnen.console;

import de.mitzeichnen.config.MitzeichnenConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * Date and time as people enter them (Europe/Berlin wall clock) to an instant and back. A
 * wall-clock time that does not exist (skipped when summer time begins) or exists twice (when it
 * ends) is refused with a message instead of being guessed.
 */
public final class BerlinTime {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /** What people type where a browser shows no date picker. */
    private static final DateTimeFormatter GERMAN_DATE =
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private BerlinTime() {}

    /** Parses into {@code errors} under {@code field}; null when something is wrong. */
    public static Instant parse(String date, String time, String field, FormErrors errors) {
        if (blank(date) || blank(time)) {
            errors.field(field, "console.error.dateTimeRequired");
            return null;
        }
        LocalDate d;
        LocalTime t;
        try {
            d =
                    date.contains(".")
                            ? LocalDate.parse(date.trim(), GERMAN_DATE)
                            : LocalDate.parse(date.trim(), DATE);
        } catch (DateTimeParseException e) {
            errors.field(field, "console.error.date");
            return null;
        }
        try {
            t = LocalTime.parse(time.trim());
        } catch (DateTimeParseException e) {
            errors.field(field, "console.error.time");
            return null;
        }
        LocalDateTime local = LocalDateTime.of(d, t);
        List<ZoneOffset> offsets = MitzeichnenConfig.ZONE.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            errors.field(field, "console.error.timeSkipped", TIME.format(t));
            return null;
        }
        if (offsets.size() > 1) {
            errors.field(field, "console.error.timeTwice", TIME.format(t));
            return null;
        }
        return local.toInstant(offsets.get(0));
    }

    public static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(MitzeichnenConfig.ZONE));
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(MitzeichnenConfig.ZONE));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
