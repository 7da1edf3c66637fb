package de.mitzeichnen.alliance;

import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.regex.Pattern;

/**
 * The alliance form exactly as submitted (all text, so that every bad input is shown again as
 * typed); {@link #validate} turns it into an {@link Input} or collects a message per field.
 */
@Serdeable
record AllianceForm(
        @Nullable String organiserId,
        @Nullable String name,
        @Nullable String slug,
        @Nullable String description,
        @Nullable String contactName,
        @Nullable String contactEmail,
        @Nullable String publicPage,
        @Nullable String version) {

    static final Pattern SLUG = Pattern.compile("[a-z0-9-]{3,80}");
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;

    /** The checked values of a valid form. */
    record Input(
            @Nullable Long organiserId,
            String name,
            String slug,
            String description,
            @Nullable String contactName,
            String contactEmail,
            boolean publicPage,
            @Nullable Long version) {}

    static AllianceForm of(Alliance a) {
        return new AllianceForm(
                String.valueOf(a.organiserId()),
                a.name(),
                a.slug(),
                a.description(),
                a.contactName() == null ? "" : a.contactName(),
                a.contactEmail(),
                a.publicPage() ? "on" : null,
                a.version() == null ? "" : String.valueOf(a.version()));
    }

    static AllianceForm blank(@Nullable Long organiserId, String contactEmail) {
        return new AllianceForm(
                organiserId == null ? "" : String.valueOf(organiserId),
                "",
                "",
                "",
                "",
                contactEmail,
                null,
                "");
    }

    /** Used by the template (hence public). */
    public boolean isPublic() {
        return publicPage != null && !publicPage.isEmpty();
    }

    @Nullable
    Input validate(FormErrors errors) {
        String n = text(name, "name", MAX_NAME, true, errors);
        String s = trim(slug);
        if (s.isEmpty()) {
            errors.field("slug", "console.error.required");
        } else if (!SLUG.matcher(s).matches()) {
            errors.field("slug", "console.appeal.error.slug");
        }
        String d = description == null ? "" : description.replace("\r\n", "\n").strip();
        if (d.isEmpty()) {
            errors.field("description", "console.error.required");
        } else if (d.length() > MAX_DESCRIPTION) {
            errors.field("description", "console.error.tooLong", MAX_DESCRIPTION);
        } else if (d.replace("\n", "").replace("\t", "").codePoints().anyMatch(c -> c < 0x20)
                || Places.hasControl(d.replace("\n", "").replace("\t", ""))) {
            errors.field("description", "alliance.error.control");
        }
        String cn = text(contactName, "contactName", MAX_NAME, false, errors);
        String c = trim(contactEmail);
        if (c.isEmpty()) {
            errors.field("contactEmail", "console.error.required");
        } else if (!EmailAddress.valid(c)) {
            errors.field(
                    "contactEmail",
                    "console.error.emailNamed",
                    c,
                    new FormErrors.Words(EmailAddress.check(c).errorKey()),
                    FormErrors.unusualCharacters(c));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Input(
                FormFields.parseLong(organiserId),
                n,
                s,
                d,
                cn.isEmpty() ? null : cn,
                c,
                isPublic(),
                FormFields.parseLong(version));
    }

    private static String text(
            @Nullable String value, String field, int max, boolean required, FormErrors errors) {
        String v = trim(value);
        if (v.isEmpty()) {
            if (required) {
                errors.field(field, "console.error.required");
            }
        } else if (v.length() > max) {
            errors.field(field, "console.error.tooLong", max);
        } else if (Places.hasControl(v)) {
            errors.field(field, "alliance.error.control");
        }
        return v;
    }

    private static String trim(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
