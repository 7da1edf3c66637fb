package de.mitzeichnen.web;

import de.mitzeichnen.config.MitzeichnenConfig;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Formatting for one reader: instants shown in Europe/Berlin (DST-safe: the zone rules decide the
 * offset of each instant), numbers and "time left" in the reader's language. Available in every
 * page as {@code fmt}.
 */
public final class Formats {

    /** Parsed patterns by pattern and language: parsing one cost more than formatting with it. */
    private static final Map<List<Object>, DateTimeFormatter> FORMATTERS =
            new ConcurrentHashMap<>();

    private final Locale locale;
    private final Clock clock;
    private final Texts texts;

    public Formats(Locale locale, Clock clock, Texts texts) {
        this.locale = locale;
        this.clock = clock;
        this.texts = texts;
    }

    public Locale locale() {
        return locale;
    }

    /** „3. Dezember 2025, 23:59 Uhr" / "3 December 2025, 23:59". */
    public String dateTime(Instant instant) {
        return format(instant, "format.datetime");
    }

    /** „3. Dezember 2025" / "3 December 2025". */
    public String date(Instant instant) {
        return format(instant, "format.date");
    }

    /**
     * A calendar day (e.g. of a council resolution or the hand-over) in the same words as {@link
     * #date}.
     */
    public String day(LocalDate day) {
        return day == null
                ? ""
                : DateTimeFormatter.ofPattern(texts.raw(locale, "format.date"), locale).format(day);
    }

    private String format(Instant instant, String patternKey) {
        if (instant == null) {
            return "";
        }
        String pattern = texts.raw(locale, patternKey);
        return FORMATTERS
                .computeIfAbsent(
                        List.of(pattern, locale),
                        k ->
                                DateTimeFormatter.ofPattern(pattern, locale)
                                        .withZone(MitzeichnenConfig.ZONE))
                .format(instant);
    }

    public String number(Number n) {
        return n == null ? "" : NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** „noch 3 Tage", „noch 5 Stunden", „noch 12 Minuten", or „abgelaufen". */
    public String timeLeft(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            return texts.get(locale, "time.over");
        }
        long days = left.toDays();
        if (days >= 2) {
            return texts.get(locale, "time.left.days", days);
        }
        long hours = left.toHours();
        if (hours >= 2) {
            return texts.get(locale, "time.left.hours", hours);
        }
        long minutes = Math.max(1, left.toMinutes());
        return minutes == 1
                ? texts.get(locale, "time.left.minute")
                : texts.get(locale, "time.left.minutes", minutes);
    }

    /** A count in words by CLDR plural rules (see {@link Texts#plural(Locale, String, long)}). */
    public String plural(String key, long n) {
        return texts.plural(locale, key, n);
    }

    public String text(String key, Object... args) {
        return texts.get(locale, key, args);
    }
}
