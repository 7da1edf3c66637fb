package de.mitzeichnen.signing;

import java.util.Map;

/**
 * What the sign form sends. The field names are a contract (other tools post them): name, role,
 * roleOther, body, municipality, country, email, publicName, outcomeMails, privacy.
 */
public record SignForm(
        String name,
        String role,
        String roleOther,
        String body,
        String municipality,
        String country,
        String email,
        boolean publicName,
        boolean privacy,
        boolean outcomeMails) {

    public SignForm(
            String name,
            String role,
            String roleOther,
            String body,
            String municipality,
            String country,
            String email,
            boolean publicName,
            boolean privacy) {
        this(name, role, roleOther, body, municipality, country, email, publicName, privacy, false);
    }

    public static SignForm empty() {
        return new SignForm("", "", "", "", "", "DE", "", false, false);
    }

    public static SignForm of(Map<String, String> fields) {
        return new SignForm(
                text(fields, "name"),
                text(fields, "role"),
                text(fields, "roleOther"),
                text(fields, "body"),
                text(fields, "municipality"),
                text(fields, "country").isEmpty() ? "DE" : text(fields, "country"),
                text(fields, "email"),
                checked(fields, "publicName"),
                checked(fields, "privacy"),
                checked(fields, "outcomeMails"));
    }

    private static String text(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v == null ? "" : v.strip();
    }

    private static boolean checked(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v != null
                && (v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes"));
    }
}
