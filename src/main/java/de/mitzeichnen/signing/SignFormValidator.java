package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.SignerRole;
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

/** Checks a sign form field by field; the result is either clean data or a message key per bad field. */
@Singleton
class SignFormValidator {

    static final int MAX_NAME = 200;
    static final int MAX_ROLE_OTHER = 100;
    static final int MAX_BODY = 200;
    private static final Pattern URL_LIKE = Pattern.compile(
            "(?i)(https?:|ftp:|www\\.|://|\\b[a-z0-9-]+\\.(de|com|net|org|info|eu|io|ru|cn|xyz|top|biz|me)\\b)");
    private static final Pattern AGS_AT_END = Pattern.compile("\\((\\d{8})\\)\\s*$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final MunicipalityRegister register;

    SignFormValidator(MunicipalityRegister register) {
        this.register = register;
    }

    /** A municipality a signature is for: a German one, or a foreign one by country and name (made on submit). */
    record Place(Municipality german, String country, String foreignName) {
    }

    /** Clean input, ready to be stored. */
    record SignRequest(String name, SignerRole role, String roleOther, String body, Place place, EmailAddress email,
                       boolean publicName) {
    }

    /** The outcome: a request, or errors (field → message key) and, for an ambiguous place, candidates. */
    record Result(SignRequest request, Map<String, String> errors, List<Municipality> candidates) {
        boolean valid() {
            return request != null;
        }
    }

    Result validate(Appeal appeal, SignForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Municipality> candidates = List.of();

        String name = form.name();
        if (hasControl(name)) {
            errors.put("name", "signing.error.control");
        } else if (name.isBlank()) {
            errors.put("name", "signing.error.name.required");
        } else if (name.codePoints().noneMatch(Character::isLetter)) {
            // only invisible characters, emoji or symbols: no one's name
            errors.put("name", "signing.error.name.letters");
        } else if (name.length() > MAX_NAME) {
            errors.put("name", "signing.error.name.tooLong");
        } else if (startsLikeFormula(name)) {
            errors.put("name", "signing.error.name.formula");
        } else if (URL_LIKE.matcher(name).find()) {
            errors.put("name", "signing.error.name.url");
        }

        SignerRole role = SignerRole.parse(form.role()).orElse(null);
        if (hasControl(form.role())) {
            errors.put("role", "signing.error.control");
        } else if (form.role().isBlank()) {
            errors.put("role", "signing.error.role.required");
        } else if (role == null || !appeal.allowedRoles().contains(role)) {
            errors.put("role", "signing.error.role.unknown");
        }
        String roleOther = null;
        if (role == SignerRole.OTHER) {
            if (hasControl(form.roleOther())) {
                errors.put("roleOther", "signing.error.control");
            } else if (form.roleOther().isBlank()) {
                errors.put("roleOther", "signing.error.roleOther.required");
            } else if (form.roleOther().length() > MAX_ROLE_OTHER) {
                errors.put("roleOther", "signing.error.roleOther.tooLong");
            } else if (startsLikeFormula(form.roleOther()) || URL_LIKE.matcher(form.roleOther()).find()) {
                errors.put("roleOther", "signing.error.text.invalid");
            } else {
                roleOther = form.roleOther();
            }
        }

        String body = form.body().isBlank() ? null : form.body();
        if (hasControl(form.body())) {
            errors.put("body", "signing.error.control");
        } else if (body != null && body.length() > MAX_BODY) {
            errors.put("body", "signing.error.body.tooLong");
        } else if (body != null && (startsLikeFormula(body) || URL_LIKE.matcher(body).find())) {
            errors.put("body", "signing.error.text.invalid");
        }

        Place place = null;
        String country = form.country().toUpperCase(Locale.ROOT);
        if (hasControl(form.municipality()) || hasControl(form.country())) {
            errors.put("municipality", "signing.error.control");
        } else if (form.municipality().isBlank()) {
            errors.put("municipality", "signing.error.municipality.required");
        } else if (form.municipality().length() > 200) {
            errors.put("municipality", "signing.error.municipality.unknown");
        } else if (!COUNTRIES.contains(country)) {
            errors.put("country", "signing.error.country.unknown");
        } else if (!country.equals("DE")) {
            if (startsLikeFormula(form.municipality()) || URL_LIKE.matcher(form.municipality()).find()) {
                errors.put("municipality", "signing.error.text.invalid");
            } else {
                place = new Place(null, country, form.municipality());
            }
        } else {
            String text = form.municipality();
            Matcher agsAtEnd = AGS_AT_END.matcher(text);
            if (agsAtEnd.find()) {
                text = agsAtEnd.group(1);
            }
            if (text.matches("\\d{8}")) {
                Optional<Municipality> byAgs = register.findByAgs(text);
                if (byAgs.isEmpty()) {
                    errors.put("municipality", "signing.error.municipality.unknown");
                } else if (!byAgs.get().active()) {
                    errors.put("municipality", "signing.error.municipality.inactive");
                } else {
                    place = new Place(byAgs.get(), null, null);
                }
            } else {
                MunicipalityRegister.Resolution resolution = register.resolve(text);
                if (resolution.match().isPresent()) {
                    place = new Place(resolution.match().get(), null, null);
                } else if (!resolution.candidates().isEmpty()) {
                    errors.put("municipality", "signing.error.municipality.choose");
                    candidates = resolution.candidates();
                } else {
                    errors.put("municipality", "signing.error.municipality.unknown");
                }
            }
        }

        EmailAddress email = null;
        if (hasControl(form.email())) {
            errors.put("email", "signing.error.control");
        } else if (form.email().isBlank()) {
            errors.put("email", "signing.error.email.required");
        } else {
            email = EmailAddress.parse(form.email()).orElse(null);
            if (email == null) {
                errors.put("email", "signing.error.email.invalid");
            }
        }

        if (!form.privacy()) {
            errors.put("privacy", "signing.error.privacy.required");
        }

        if (!errors.isEmpty()) {
            return new Result(null, errors, candidates);
        }
        return new Result(new SignRequest(name, role, roleOther, body, place, email, form.publicName()), Map.of(),
                List.of());
    }

    /** Text that a spreadsheet would take for a formula. */
    static boolean startsLikeFormula(String s) {
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
    }

    /** Control characters (also line breaks: every field is a single line) and bidirectional overrides. */
    static boolean hasControl(String s) {
        return s != null && s.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }
}
