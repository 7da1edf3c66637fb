package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.municipality.District;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import de.mitzeichnen.municipality.Municipality;
import de.mitzeichnen.municipality.MunicipalityRegister;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a sign form field by field; the result is either clean data or a message key per bad
 * field.
 */
@Singleton
class SignFormValidator {

    static final int MAX_NAME = SignerText.MAX_NAME;
    static final int MAX_ROLE_OTHER = 100;
    static final int MAX_BODY = SignerText.MAX_BODY;
    private static final Pattern URL_LIKE = SignerText.URL_LIKE;
    private static final Pattern AGS_AT_END = Pattern.compile("\\((\\d{8})\\)\\s*$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final MunicipalityRegister register;

    SignFormValidator(MunicipalityRegister register) {
        this.register = register;
    }

    /**
     * What a signature is for: a German municipality, a Landkreis (or equivalent), or a foreign
     * municipality by country and name (made on submit). Exactly one of the three is set.
     */
    record Place(Municipality german, District district, String country, String foreignName) {
        static Place of(Municipality m) {
            return new Place(m, null, null, null);
        }

        static Place of(District d) {
            return new Place(null, d, null, null);
        }

        boolean abroad() {
            return country != null;
        }
    }

    /** Clean input, ready to be stored. */
    record SignRequest(
            String name,
            SignerRole role,
            String roleOther,
            String body,
            Place place,
            EmailAddress email,
            boolean publicName,
            boolean outcomeMails) {

        SignatureRequest toRequest() {
            SignTarget target =
                    place.german() != null
                            ? new SignTarget.Municipality(
                                    place.german().ags(), place.german().gebietsstand())
                            : place.district() != null
                                    ? new SignTarget.District(place.district().key())
                                    : new SignTarget.Foreign(place.country(), place.foreignName());
            return new SignatureRequest(
                    name, role, roleOther, body, target, email, publicName, outcomeMails);
        }
    }

    /**
     * The outcome: a request, or errors (field → message key) and, for an ambiguous place,
     * candidates.
     */
    record Result(SignRequest request, Map<String, String> errors, List<Municipality> candidates) {
        boolean valid() {
            return request != null;
        }
    }

    /** The fields of one form as they are checked; errors collects a message key per bad field. */
    private static final class Check {
        final Map<String, String> errors = new LinkedHashMap<>();
        List<Municipality> candidates = List.of();
    }

    Result validate(Appeal appeal, SignForm form) {
        return validate(appeal, form, false);
    }

    /**
     * {@code byOrganiser}: a reply the organiser records by hand; the address is optional (no mail
     * then) and the signer's privacy consent was given to the organiser, not in this form.
     */
    Result validate(Appeal appeal, SignForm form, boolean byOrganiser) {
        Check c = new Check();
        String name = name(c, form.name());
        SignerRole role = role(c, appeal, form.role());
        String roleOther = role == SignerRole.OTHER ? roleOther(c, form.roleOther()) : null;
        String body = body(c, form.body());
        Place place = place(c, form.municipality(), form.country());
        if (place != null
                && role != null
                && !c.errors.containsKey("role")
                && !role.fits(place.district() != null)) {
            c.errors.put(
                    "role",
                    place.district() != null
                            ? "signing.error.role.notForDistrict"
                            : "signing.error.role.onlyForDistrict");
        }
        EmailAddress email = byOrganiser && form.email().isBlank() ? null : email(c, form.email());
        if (!byOrganiser && !form.privacy()) {
            c.errors.put("privacy", "signing.error.privacy.required");
        }
        if (!c.errors.isEmpty()) {
            return new Result(null, c.errors, c.candidates);
        }
        return new Result(
                new SignRequest(
                        name,
                        role,
                        roleOther,
                        body,
                        place,
                        email,
                        form.publicName(),
                        form.outcomeMails()),
                Map.of(),
                List.of());
    }

    private static String name(Check c, String name) {
        SignerText.name(name)
                .ifPresent(
                        p ->
                                c.errors.put(
                                        "name",
                                        switch (p) {
                                            case CONTROL -> "signing.error.control";
                                            case REQUIRED -> "signing.error.name.required";
                                            case TOO_LONG -> "signing.error.name.tooLong";
                                            case FORMULA -> "signing.error.name.formula";
                                            case URL -> "signing.error.name.url";
                                        }));
        if (!c.errors.containsKey("name") && name.codePoints().noneMatch(Character::isLetter)) {
            // only invisible characters, emoji or symbols: no one's name
            c.errors.put("name", "signing.error.name.letters");
        }
        return name;
    }

    private static SignerRole role(Check c, Appeal appeal, String text) {
        SignerRole role = SignerRole.parse(text).orElse(null);
        if (hasControl(text)) {
            c.errors.put("role", "signing.error.control");
        } else if (text.isBlank()) {
            c.errors.put("role", "signing.error.role.required");
        } else if (role == null || !appeal.allowedRoles().contains(role)) {
            c.errors.put("role", "signing.error.role.unknown");
        }
        return role;
    }

    private static String roleOther(Check c, String text) {
        if (hasControl(text)) {
            c.errors.put("roleOther", "signing.error.control");
        } else if (text.isBlank()) {
            c.errors.put("roleOther", "signing.error.roleOther.required");
        } else if (text.length() > MAX_ROLE_OTHER) {
            c.errors.put("roleOther", "signing.error.roleOther.tooLong");
        } else if (startsLikeFormula(text) || URL_LIKE.matcher(text).find()) {
            c.errors.put("roleOther", "signing.error.text.invalid");
        } else {
            return text;
        }
        return null;
    }

    private static String body(Check c, String text) {
        SignerText.body(text)
                .ifPresent(
                        p ->
                                c.errors.put(
                                        "body",
                                        switch (p) {
                                            case CONTROL -> "signing.error.control";
                                            case TOO_LONG -> "signing.error.body.tooLong";
                                            default -> "signing.error.text.invalid";
                                        }));
        return text.isBlank() ? null : text;
    }

    private Place place(Check c, String text, String countryText) {
        String country = countryText.toUpperCase(Locale.ROOT);
        if (hasControl(text) || hasControl(countryText)) {
            c.errors.put("municipality", "signing.error.control");
        } else if (text.isBlank()) {
            c.errors.put("municipality", "signing.error.municipality.required");
        } else if (text.length() > 200) {
            c.errors.put("municipality", "signing.error.municipality.unknown");
        } else if (!COUNTRIES.contains(country)) {
            c.errors.put("country", "signing.error.country.unknown");
        } else if (!country.equals("DE")) {
            String problem =
                    startsLikeFormula(text)
                            ? "signing.error.text.invalid"
                            : ForeignMunicipalities.nameProblem(text);
            if (problem == null) {
                return new Place(null, null, country, text);
            }
            c.errors.put("municipality", problem);
        } else {
            return germanPlace(c, text);
        }
        return null;
    }

    private Place germanPlace(Check c, String text) {
        Matcher agsAtEnd = AGS_AT_END.matcher(text);
        String ags = agsAtEnd.find() ? agsAtEnd.group(1) : text;
        if (ags.matches("\\d{8}")) {
            Optional<Municipality> byAgs = register.findByAgs(ags);
            if (byAgs.isEmpty()) {
                c.errors.put("municipality", "signing.error.municipality.unknown");
            } else if (!byAgs.get().active()) {
                c.errors.put("municipality", "signing.error.municipality.inactive");
            } else {
                return Place.of(byAgs.get());
            }
            return null;
        }
        MunicipalityRegister.PlaceResolution resolution = register.resolvePlace(text);
        if (resolution.district().isPresent()) {
            return Place.of(resolution.district().get());
        }
        if (resolution.municipality().isPresent()) {
            return Place.of(resolution.municipality().get());
        }
        if (!resolution.candidates().isEmpty()) {
            c.errors.put("municipality", "signing.error.municipality.choose");
            c.candidates = resolution.candidates();
        } else {
            c.errors.put("municipality", "signing.error.municipality.unknown");
        }
        return null;
    }

    private static EmailAddress email(Check c, String text) {
        if (hasControl(text)) {
            c.errors.put("email", "signing.error.control");
        } else if (text.isBlank()) {
            c.errors.put("email", "signing.error.email.required");
        } else {
            EmailAddress.Check address = EmailAddress.check(text);
            if (address.valid()) {
                return address.address();
            }
            c.errors.put("email", address.errorKey());
        }
        return null;
    }

    /** Text that a spreadsheet would take for a formula. */
    static boolean startsLikeFormula(String s) {
        return SignerText.startsLikeFormula(s);
    }

    /** Control characters (also line breaks) and bidirectional overrides. */
    static boolean hasControl(String s) {
        return SignerText.hasControl(s);
    }
}
