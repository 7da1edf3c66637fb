package de.mitzeichnen.appeal;

import de.mitzeichnen.console.BerlinTime;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.web.Markdown;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The appeal form exactly as submitted (all text, so that every bad input can be shown again as
 * typed). {@link #validate} turns it into an {@link Input} or collects a message per field.
 */
@Serdeable
record AppealForm(
        @Nullable String organiserId,
        @Nullable String title,
        @Nullable String slug,
        @Nullable String addressee,
        @Nullable String bodyMarkdown,
        @Nullable String contactEmail,
        @Nullable String opensDate,
        @Nullable String opensTime,
        @Nullable String deadlineDate,
        @Nullable String deadlineTime,
        @Nullable String graceHours,
        @Nullable List<String> roles,
        @Nullable String publishNames,
        @Nullable String goal,
        @Nullable String publicCount,
        @Nullable String reason,
        @Nullable String version,
        @Nullable String action) {

    static final Pattern SLUG = Pattern.compile("[a-z0-9-]{3,80}");
    static final int MAX_BODY = 60_000;
    static final int MAX_REASON = 1000;
    private static final int MAX_GRACE_HOURS = 24 * 30;
    private static final int MAX_GOAL = 100_000;

    /** The checked values of a valid form. */
    record Input(
            @Nullable Long organiserId,
            String title,
            String slug,
            String addressee,
            String bodyMarkdown,
            String contactEmail,
            Instant opensAt,
            Instant deadline,
            int graceSeconds,
            Set<SignerRole> roles,
            boolean publishNames,
            @Nullable Integer goal,
            PublicCount publicCount,
            String reason,
            @Nullable Long version) {}

    /** The form for an appeal as stored. */
    static AppealForm of(Appeal a) {
        return new AppealForm(
                String.valueOf(a.organiserId()),
                a.title(),
                a.slug(),
                a.addressee(),
                a.bodyMarkdown(),
                a.contactEmail(),
                BerlinTime.date(a.opensAt()),
                BerlinTime.time(a.opensAt()),
                BerlinTime.date(a.deadline()),
                BerlinTime.time(a.deadline()),
                String.valueOf(Duration.ofSeconds(a.graceSeconds()).toHours()),
                a.allowedRoles().stream().sorted().map(Enum::name).toList(),
                a.publishNames() ? "on" : null,
                a.goal() == null ? "" : String.valueOf(a.goal()),
                a.publicCount().name(),
                "",
                a.version() == null ? "" : String.valueOf(a.version()),
                null);
    }

    /** The form of a new appeal: opens now, a day of grace, every role, names may be published. */
    static AppealForm blank(@Nullable Long organiserId, String contactEmail, Instant now) {
        return new AppealForm(
                organiserId == null ? "" : String.valueOf(organiserId),
                "",
                "",
                "",
                "",
                contactEmail,
                BerlinTime.date(now),
                BerlinTime.time(now),
                "",
                "",
                "24",
                SignerRole.all().stream().sorted().map(Enum::name).toList(),
                "on",
                "",
                PublicCount.TRUSTED_ONLY.name(),
                "",
                "",
                null);
    }

    /** The same form with the version the stored appeal has now (after someone else's change). */
    AppealForm withVersion(@Nullable Long newVersion) {
        return new AppealForm(
                organiserId,
                title,
                slug,
                addressee,
                bodyMarkdown,
                contactEmail,
                opensDate,
                opensTime,
                deadlineDate,
                deadlineTime,
                graceHours,
                roles,
                publishNames,
                goal,
                publicCount,
                reason,
                newVersion == null ? "" : String.valueOf(newVersion),
                action);
    }

    boolean isPreview() {
        return "preview".equals(action);
    }

    /** Used by the template (hence public). */
    public boolean hasRole(String role) {
        return roles != null && roles.contains(role);
    }

    Input validate(FormErrors errors) {
        String t = required(title, "title", 200, errors);
        String s = trim(slug);
        if (s.isEmpty()) {
            errors.field("slug", "console.error.required");
        } else if (!SLUG.matcher(s).matches()) {
            errors.field("slug", "console.appeal.error.slug");
        }
        String a = required(addressee, "addressee", 200, errors);
        String b = bodyMarkdown == null ? "" : bodyMarkdown.replace("\r\n", "\n").strip();
        if (b.isEmpty()) {
            errors.field("bodyMarkdown", "console.error.required");
        } else if (b.length() > MAX_BODY) {
            errors.field("bodyMarkdown", "console.error.tooLong", MAX_BODY);
        } else {
            // an address in the text is held to the rules of signers' addresses: readers write to
            // it
            Markdown.suspects(b).stream()
                    .findFirst()
                    .ifPresent(
                            x ->
                                    errors.field(
                                            "bodyMarkdown",
                                            "console.appeal.error.textAddress",
                                            x.written(),
                                            new FormErrors.Words(x.errorKey()),
                                            FormErrors.unusualCharacters(x.written())));
        }
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
        Instant opens = BerlinTime.parse(opensDate, opensTime, "opensAt", errors);
        Instant deadline = BerlinTime.parse(deadlineDate, deadlineTime, "deadline", errors);
        if (opens != null && deadline != null && !deadline.isAfter(opens)) {
            errors.field("deadline", "console.appeal.error.deadlineBeforeOpens");
        }
        Integer grace = number(graceHours, "graceHours", 0, MAX_GRACE_HOURS, true, errors);
        Set<SignerRole> parsedRoles = EnumSet.noneOf(SignerRole.class);
        List<String> unknown = new ArrayList<>();
        if (roles != null) {
            for (String r : roles) {
                SignerRole.parse(r).ifPresentOrElse(parsedRoles::add, () -> unknown.add(r));
            }
        }
        if (!unknown.isEmpty()) {
            errors.field("roles", "console.appeal.error.roleUnknown");
        } else if (parsedRoles.isEmpty()) {
            errors.field("roles", "console.appeal.error.roles");
        }
        Integer g = number(goal, "goal", 1, MAX_GOAL, false, errors);
        PublicCount counting = PublicCount.TRUSTED_ONLY;
        if (!trim(publicCount).isEmpty()) {
            try {
                counting = PublicCount.valueOf(trim(publicCount));
            } catch (IllegalArgumentException e) {
                errors.field("publicCount", "console.appeal.error.publicCount");
            }
        }
        String why = trim(reason);
        if (why.length() > MAX_REASON) {
            errors.field("reason", "console.error.tooLong", MAX_REASON);
        }
        Long organiser = FormFields.parseLong(organiserId);
        Long v = FormFields.parseLong(version);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Input(
                organiser,
                t,
                s,
                a,
                b,
                c,
                opens,
                deadline,
                grace * 3600,
                parsedRoles,
                publishNames != null && !publishNames.isEmpty(),
                g,
                counting,
                why,
                v);
    }

    private static String required(String value, String field, int max, FormErrors errors) {
        String v = trim(value);
        if (v.isEmpty()) {
            errors.field(field, "console.error.required");
        } else if (v.length() > max) {
            errors.field(field, "console.error.tooLong", max);
        }
        return v;
    }

    private static Integer number(
            String value, String field, int min, int max, boolean required, FormErrors errors) {
        String v = trim(value);
        if (v.isEmpty()) {
            if (required) {
                errors.field(field, "console.error.required");
            }
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                errors.field(field, "console.error.range", min, max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.field(field, "console.error.number");
            return null;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
