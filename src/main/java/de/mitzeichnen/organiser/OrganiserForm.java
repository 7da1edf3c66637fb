package de.mitzeichnen.organiser;

import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The organiser form as submitted; {@link #validate} checks it. */
@Serdeable
record OrganiserForm(
        @Nullable String name,
        @Nullable String kind,
        @Nullable String municipalityAgs,
        @Nullable String contactEmail,
        @Nullable String website,
        @Nullable String version,
        @Nullable String nameGenitive) {

    private static final Pattern AGS = Pattern.compile("\\d{8}");

    record Input(
            String name,
            OrganiserKind kind,
            @Nullable String municipalityAgs,
            String contactEmail,
            @Nullable String website,
            @Nullable Long version,
            @Nullable String nameGenitive) {}

    static OrganiserForm of(Organiser o) {
        return new OrganiserForm(
                o.name(),
                o.kind().name(),
                o.municipalityAgs() == null ? "" : o.municipalityAgs(),
                o.contactEmail(),
                o.website() == null ? "" : o.website(),
                o.version() == null ? "" : String.valueOf(o.version()),
                o.nameGenitive() == null ? "" : o.nameGenitive());
    }

    static OrganiserForm blank() {
        return new OrganiserForm("", OrganiserKind.CITY.name(), "", "", "", "", "");
    }

    Input validate(FormErrors errors) {
        String n = trim(name);
        if (n.isEmpty()) {
            errors.field("name", "console.error.required");
        } else if (n.length() > 200) {
            errors.field("name", "console.error.tooLong", 200);
        }
        OrganiserKind k =
                Arrays.stream(OrganiserKind.values())
                        .filter(v -> v.name().equals(kind))
                        .findFirst()
                        .orElse(null);
        if (k == null) {
            errors.field("kind", "console.organiser.error.kind");
        }
        String ags = trim(municipalityAgs).replace(" ", "");
        if (k == OrganiserKind.CITY && ags.isEmpty()) {
            errors.field("municipalityAgs", "console.organiser.error.agsRequired");
        } else if (!ags.isEmpty() && !AGS.matcher(ags).matches()) {
            errors.field("municipalityAgs", "console.organiser.error.ags");
        } else if (k == OrganiserKind.ASSOCIATION && !ags.isEmpty()) {
            errors.field("municipalityAgs", "console.organiser.error.agsAssociation");
        }
        String email = trim(contactEmail);
        if (email.isEmpty()) {
            errors.field("contactEmail", "console.error.required");
        } else if (!EmailAddress.valid(email)) {
            errors.field(
                    "contactEmail",
                    "console.error.emailNamed",
                    email,
                    new FormErrors.Words(EmailAddress.check(email).errorKey()),
                    FormErrors.unusualCharacters(email));
        }
        String site = trim(website);
        if (!site.isEmpty() && !isWebAddress(site)) {
            errors.field("website", "console.organiser.error.website");
        }
        String genitive = trim(nameGenitive);
        if (genitive.length() > 230) {
            errors.field("nameGenitive", "console.error.tooLong", 230);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Input(
                n,
                k,
                ags.isEmpty() ? null : ags,
                email,
                site.isEmpty() ? null : site,
                FormFields.parseLong(version),
                genitive.isEmpty() ? null : genitive);
    }

    private static boolean isWebAddress(String s) {
        if (s.length() > 500) {
            return false;
        }
        try {
            URI uri = URI.create(s);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
