package de.mitzeichnen.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra headers are stored as "Name: value" lines; names and values are checked so no header can be
 * injected.
 */
final class MailHeaders {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,76}");

    /** Set by the dispatcher itself; a caller must not override them. */
    private static final Set<String> RESERVED =
            Set.of(
                    "from",
                    "to",
                    "cc",
                    "bcc",
                    "reply-to",
                    "subject",
                    "message-id",
                    "date",
                    "mime-version",
                    "content-type",
                    "content-transfer-encoding",
                    "auto-submitted",
                    "sender",
                    "return-path");

    private MailHeaders() {}

    static String format(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        headers.forEach(
                (name, value) -> {
                    if (name == null || !NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("Invalid mail header name: " + name);
                    }
                    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException(
                                "The header " + name + " is set by the outbox itself");
                    }
                    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                        throw new IllegalArgumentException("Invalid value for mail header " + name);
                    }
                    out.append(name).append(": ").append(value).append('\n');
                });
        return out.toString();
    }

    static Map<String, String> parse(String stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (stored == null) {
            return headers;
        }
        for (String line : stored.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
