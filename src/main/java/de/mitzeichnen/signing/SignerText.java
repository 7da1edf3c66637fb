package de.mitzeichnen.signing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for a signer's name and body (Gremium), shared by the sign form and invitation lists so
 * that a list cannot put in what the form refuses: single line, no bidi overrides, no spreadsheet
 * formulas, no web addresses.
 */
public final class SignerText {

    public static final int MAX_NAME = 200;
    public static final int MAX_BODY = 200;
    static final Pattern URL_LIKE =
            Pattern.compile(
                    "(?i)(https?:|ftp:|www\\.|://|\\b[a-z0-9-]+\\.(de|com|net|org|info|eu|io|ru|cn|xyz|top|biz|me)\\b)");

    /** Why a name or body is refused. */
    public enum Problem {
        CONTROL,
        REQUIRED,
        TOO_LONG,
        FORMULA,
        URL
    }

    private SignerText() {}

    public static Optional<Problem> name(String name) {
        if (hasControl(name)) {
            return Optional.of(Problem.CONTROL);
        } else if (name == null || name.isBlank()) {
            return Optional.of(Problem.REQUIRED);
        } else if (name.length() > MAX_NAME) {
            return Optional.of(Problem.TOO_LONG);
        } else if (startsLikeFormula(name)) {
            return Optional.of(Problem.FORMULA);
        } else if (URL_LIKE.matcher(name).find()) {
            return Optional.of(Problem.URL);
        }
        return Optional.empty();
    }

    /** An optional body: blank is fine. */
    public static Optional<Problem> body(String body) {
        if (hasControl(body)) {
            return Optional.of(Problem.CONTROL);
        } else if (body == null || body.isBlank()) {
            return Optional.empty();
        } else if (body.length() > MAX_BODY) {
            return Optional.of(Problem.TOO_LONG);
        } else if (startsLikeFormula(body)) {
            return Optional.of(Problem.FORMULA);
        } else if (URL_LIKE.matcher(body).find()) {
            return Optional.of(Problem.URL);
        }
        return Optional.empty();
    }

    /** Text that a spreadsheet would take for a formula. */
    public static boolean startsLikeFormula(String s) {
        return s != null && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
    }

    /**
     * Control characters (also line breaks: every field is a single line) and bidirectional
     * overrides.
     */
    public static boolean hasControl(String s) {
        return s != null
                && s.codePoints()
                        .anyMatch(
                                c ->
                                        Character.getType(c) == Character.CONTROL
                                                || (c >= 0x202A && c <= 0x202E)
                                                || (c >= 0x2066 && c <= 0x2069));
    }
}
