package de.mitzeichnen.alliance;

import java.util.List;
import java.util.Map;

/**
 * The form „Beitritt erklären" exactly as submitted (all text, so that every bad input is shown
 * again as typed). The place fields are the sign form's: {@code municipality} (an AGS, a Landkreis
 * key, „Name (AGS)" from the type-ahead, or a name), {@code country}, and {@code
 * municipalityChoice} from the list of an ambiguous name, which wins over the text.
 */
public record JoinForm(
        String name,
        String role,
        String roleOther,
        String country,
        String municipality,
        String decisionKind,
        String decidedOn,
        String decisionNumber,
        String email,
        boolean privacy) {

    /** The fields in the order of the page (and of the error summary). */
    static final List<String> FIELDS =
            List.of(
                    "name",
                    "role",
                    "roleOther",
                    "country",
                    "municipality",
                    "decisionKind",
                    "decidedOn",
                    "decisionNumber",
                    "email",
                    "privacy");

    static JoinForm empty() {
        return new JoinForm("", "", "", "DE", "", "", "", "", "", false);
    }

    static JoinForm of(Map<String, String> fields) {
        if (fields == null) {
            return empty();
        }
        String chosen = text(fields, "municipalityChoice");
        return new JoinForm(
                text(fields, "name"),
                text(fields, "role"),
                text(fields, "roleOther"),
                text(fields, "country").isEmpty() ? "DE" : text(fields, "country"),
                chosen.isEmpty() ? text(fields, "municipality") : chosen,
                text(fields, "decisionKind"),
                text(fields, "decidedOn"),
                text(fields, "decisionNumber"),
                text(fields, "email"),
                checked(fields.get("privacy")));
    }

    private static String text(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v == null ? "" : v.strip();
    }

    private static boolean checked(String v) {
        return v != null
                && (v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes"));
    }
}
