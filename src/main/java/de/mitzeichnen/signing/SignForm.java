package de.mitzeichnen.signing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

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

    /**
     * The form as posted: every field may be missing. {@code municipalityChoice} is the place
     * picked from a list of namesakes and wins over the text (which the page keeps, so the signer
     * can refine it instead); {@code invitation} the token of a personal invitation link.
     * Checkboxes count as ticked with any of the values browsers and tools send.
     */
    @Serdeable
    public record Posted(
            @Nullable String name,
            @Nullable String role,
            @Nullable String roleOther,
            @Nullable String body,
            @Nullable String municipality,
            @Nullable String municipalityChoice,
            @Nullable String country,
            @Nullable String email,
            @Nullable String publicName,
            @Nullable String privacy,
            @Nullable String outcomeMails,
            @Nullable String invitation) {

        static final Posted NOTHING =
                new Posted(null, null, null, null, null, null, null, null, null, null, null, null);

        /** The form to validate, its texts stripped, the country DE unless given. */
        public SignForm form() {
            String place =
                    municipalityChoice == null || municipalityChoice.isBlank()
                            ? municipality
                            : municipalityChoice;
            return new SignForm(
                    text(name),
                    text(role),
                    text(roleOther),
                    text(body),
                    text(place),
                    text(country).isEmpty() ? "DE" : text(country),
                    text(email),
                    checked(publicName),
                    checked(privacy),
                    checked(outcomeMails));
        }

        private static String text(@Nullable String v) {
            return v == null ? "" : v.strip();
        }

        private static boolean checked(@Nullable String v) {
            return v != null
                    && (v.equals("on") || v.equals("true") || v.equals("1") || v.equals("yes"));
        }
    }
}
