package de.mitzeichnen.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code count} events per {@code period}, written {@code N/duration} as in {@code 5/5m} or
 * {@code 50/1h}.
 */
public record Limit(int count, Duration period) {

    private static final Pattern FORM =
            Pattern.compile("(\\d{1,7})\\s*/\\s*(\\d{1,6})\\s*([smhd])");

    public Limit {
        if (count < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "A limit needs at least one event in a positive period");
        }
    }

    /**
     * Parses {@code N/duration} (units s, m, h, d); {@code off} or an empty value disables the
     * limit (empty result). Anything else is refused with a message naming the expected form, so
     * that a typo stops the start.
     */
    public static Optional<Limit> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("off")) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "A limit is written N/duration, e.g. 5/5m, 50/1h or 3/1d, or off: '"
                            + text
                            + "'");
        }
        long amount = Long.parseLong(m.group(2));
        Duration period =
                switch (m.group(3)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
        return Optional.of(new Limit(Integer.parseInt(m.group(1)), period));
    }
}
