package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.signing.SignerText;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Checks the form „Beitritt erklären" field by field, with the sign form's rules where they are the
 * same thing: name and other role ({@link SignerText}), the role words and which of them fit a
 * Landkreis ({@link SignerRole#fits}), the place as the sign form resolves it ({@link Places},
 * through the municipality register), the address ({@link EmailAddress}); and with the membership
 * rules ({@link Memberships#problems}: no date beyond a year ahead, no overlap with a membership
 * the place already has).
 */
@Singleton
class JoinValidator {

    static final int MAX_ROLE_OTHER = 100;
    static final int MAX_DECISION_KIND = 100;
    static final int MAX_DECISION_NUMBER = 100;

    /** Decisions before this year are typing mistakes (no alliance is that old). */
    static final int EARLIEST_YEAR = 1900;

    /** The membership rules' fields, as this form names them. */
    private static final Map<String, String> MEMBERSHIP_FIELDS =
            Map.of("place", "municipality", "joinedOn", "decidedOn", "basis", "decisionKind");

    private final Places places;
    private final Memberships memberships;

    JoinValidator(Places places, Memberships memberships) {
        this.places = places;
        this.memberships = memberships;
    }

    /**
     * A request, or the messages per field and, for an ambiguous place name, the municipalities to
     * choose from.
     */
    record Result(@Nullable JoinRequest request, FormErrors errors, List<Municipality> candidates) {
        boolean valid() {
            return request != null;
        }
    }

    Result validate(Alliance alliance, JoinForm form) {
        FormErrors errors = new FormErrors();
        name(errors, form.name());
        SignerRole role = role(errors, form.role());
        String roleOther =
                role == SignerRole.OTHER
                        ? text(errors, "roleOther", form.roleOther(), MAX_ROLE_OTHER, true)
                        : null;
        Places.Resolved place = places.resolve(form.municipality(), form.country());
        List<Municipality> candidates = place.candidates();
        if (place.problem() != null) {
            errors.field(
                    "alliance.error.country".equals(place.problem()) ? "country" : "municipality",
                    place.problem());
        }
        MemberTarget target = place.target();
        if (target != null && role != null && !role.fits(target instanceof MemberTarget.District)) {
            errors.field(
                    "role",
                    target instanceof MemberTarget.District
                            ? "alliance.join.error.role.notForDistrict"
                            : "alliance.join.error.role.onlyForDistrict");
        }
        String kind = text(errors, "decisionKind", form.decisionKind(), MAX_DECISION_KIND, true);
        LocalDate decidedOn = date(errors, form.decidedOn());
        String number =
                text(errors, "decisionNumber", form.decisionNumber(), MAX_DECISION_NUMBER, false);
        EmailAddress email = email(errors, form.email());
        if (!form.privacy()) {
            errors.field("privacy", "signing.error.privacy.required");
        }
        if (target != null && decidedOn != null) {
            // the rules the organiser's acceptance will apply, said now while the official is here
            // (the basis the form builds is always short enough)
            memberships
                    .problems(
                            alliance.id(),
                            new Memberships.NewMember(target, decidedOn, null, null, null))
                    .forEach(
                            p ->
                                    errors.field(
                                            MEMBERSHIP_FIELDS.getOrDefault(p.field(), p.field()),
                                            p.key(),
                                            p.args().toArray()));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors, candidates);
        }
        return new Result(
                new JoinRequest(
                        form.name(),
                        role,
                        roleOther,
                        target,
                        email,
                        kind,
                        decidedOn,
                        number == null || number.isEmpty() ? null : number),
                errors,
                List.of());
    }

    private static void name(FormErrors errors, String name) {
        SignerText.name(name)
                .ifPresent(
                        p ->
                                errors.field(
                                        "name",
                                        switch (p) {
                                            case CONTROL -> "signing.error.control";
                                            case REQUIRED -> "signing.error.name.required";
                                            case TOO_LONG -> "signing.error.name.tooLong";
                                            case FORMULA -> "signing.error.name.formula";
                                            case URL -> "signing.error.name.url";
                                        }));
        if (!name.isBlank() && name.codePoints().noneMatch(Character::isLetter)) {
            errors.field("name", "signing.error.name.letters");
        }
    }

    private static @Nullable SignerRole role(FormErrors errors, String text) {
        if (SignerText.hasControl(text)) {
            errors.field("role", "signing.error.control");
        } else if (text.isBlank()) {
            errors.field("role", "signing.error.role.required");
        } else {
            SignerRole role = SignerRole.parse(text).orElse(null);
            if (role == null) {
                errors.field("role", "alliance.join.error.role.unknown");
            }
            return role;
        }
        return null;
    }

    /**
     * A single line of text: required or not, at most {@code max} characters, no control
     * characters, nothing a spreadsheet takes for a formula, no web address.
     */
    private static @Nullable String text(
            FormErrors errors, String field, String value, int max, boolean required) {
        if (SignerText.hasControl(value)) {
            errors.field(field, "signing.error.control");
        } else if (value.isBlank()) {
            if (required) {
                errors.field(field, "alliance.join.error." + field + ".required");
                return null;
            }
            return "";
        } else if (value.length() > max) {
            errors.field(field, "alliance.join.error.tooLong", max);
        } else if (SignerText.body(value).isPresent()) {
            // the sign form's rules for a single line: no formula, no web address
            errors.field(field, "signing.error.text.invalid");
        } else {
            return value;
        }
        return null;
    }

    private static @Nullable LocalDate date(FormErrors errors, String text) {
        if (text.isBlank()) {
            errors.field("decidedOn", "alliance.join.error.decidedOn.required");
            return null;
        }
        LocalDate date = Dates.parse(text);
        if (date == null || date.getYear() < EARLIEST_YEAR) {
            errors.field("decidedOn", "alliance.join.error.decidedOn.invalid");
            return null;
        }
        return date;
    }

    private static @Nullable EmailAddress email(FormErrors errors, String text) {
        if (SignerText.hasControl(text)) {
            errors.field("email", "signing.error.control");
        } else if (text.isBlank()) {
            errors.field("email", "signing.error.email.required");
        } else {
            EmailAddress.Check address = EmailAddress.check(text);
            if (address.valid()) {
                return address.address();
            }
            errors.field("email", address.errorKey());
        }
        return null;
    }
}
