package de.mitzeichnen.audit;

import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An audit entry's details in the reader's words: labels from {@code audit.detail.KEY}, and codes
 * as the console names them elsewhere (appeal statuses, trust levels, login failure reasons, roles,
 * filters, yes/no). What has no words yet (a code a newer version added, free text) is shown as
 * stored.
 */
@Singleton
public class AuditWords {

    private final Texts texts;
    private final Clock clock;

    AuditWords(Texts texts, Clock clock) {
        this.texts = texts;
        this.clock = clock;
    }

    /** Label → value, in the stored order. */
    public Map<String, Object> describe(Map<String, Object> details, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        details.forEach(
                (key, value) ->
                        out.put(
                                word(locale, "audit.detail." + key, key),
                                value(locale, key, value)));
        return out;
    }

    private String value(Locale locale, String key, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return texts.get(locale, b ? "audit.value.yes" : "audit.value.no");
        }
        String v = value.toString();
        return switch (key) {
            case "from", "to" -> word(locale, "console.status." + v, v);
            case "reason" -> word(locale, "audit.reason." + v, v);
            case "trust" -> word(locale, "trust." + v, v);
            case "status" -> word(locale, "console.signatures.status." + v, v);
            case "role", "previousRole" ->
                    word(locale, "console.account.role." + v, word(locale, "role." + v, v));
            // organisations and outcomes both have a kind; their codes do not overlap
            case "kind" ->
                    word(
                            locale,
                            "console.organiser.kind." + v,
                            word(locale, "audit.value.kind." + v, v));
            case "method" -> word(locale, "console.verification.method." + v, v);
            case "days" -> word(locale, "audit.value.days." + v, v);
            case "date", "gebietsstand" -> date(locale, v);
            case "source" -> word(locale, "audit.source." + v, v);
            case "language" -> word(locale, "console.invitations.language." + v, v);
            case "format" -> v.toUpperCase(Locale.ROOT);
            case "plannedDeadline" -> instant(locale, v);
            case "filter" -> filter(locale, v);
            case "fields" -> fields(locale, v);
            default -> v;
        };
    }

    /**
     * „confirmed,verified,land=06" (exports) or „status=CONFIRMED&trust=EMAIL_ONLY" (bulk actions)
     * in words.
     */
    private String filter(Locale locale, String v) {
        List<String> parts = new ArrayList<>();
        for (String part : v.split("[,&]")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                parts.add(word(locale, "audit.filter." + part, part));
                continue;
            }
            String k = part.substring(0, eq);
            String code = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            String shown =
                    switch (k) {
                        case "status" -> word(locale, "console.signatures.status." + code, code);
                        case "trust" -> word(locale, "trust." + code, code);
                        case "flag" -> word(locale, "console.signatures.flag." + code, code);
                        case "role" -> word(locale, "role." + code, code);
                        default -> code;
                    };
            parts.add(word(locale, "audit.filter." + k, k) + " " + shown);
        }
        return parts.isEmpty() ? texts.get(locale, "audit.filter.none") : String.join(", ", parts);
    }

    /** „title,deadline" (the fields an edit changed) in words. */
    private String fields(Locale locale, String v) {
        List<String> names = new ArrayList<>();
        for (String f : v.split(",")) {
            if (!f.isBlank()) {
                names.add(word(locale, "audit.field." + f.strip(), f.strip()));
            }
        }
        return String.join(", ", names);
    }

    private String date(Locale locale, String v) {
        try {
            return new Formats(locale, clock, texts).day(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    private String instant(Locale locale, String v) {
        try {
            return new Formats(locale, clock, texts).dateTime(Instant.parse(v));
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    /** The text for {@code key}, or {@code fallback} when the bundles have none. */
    private String word(Locale locale, String key, String fallback) {
        String text = texts.get(locale, key);
        return text.equals(key) ? fallback : text;
    }
}
