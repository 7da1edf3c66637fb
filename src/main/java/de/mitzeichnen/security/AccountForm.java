package de.mitzeichnen.security;

import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.function.Function;

/** The account form as submitted; the password is never shown again. */
@Serdeable
record AccountForm(
        @Nullable String email,
        @Nullable String displayName,
        @Nullable String role,
        @Nullable String organiserId,
        @Nullable String password,
        @Nullable String enabled,
        @Nullable String version) {

    record Input(
            String email,
            String displayName,
            AccountRole role,
            @Nullable Long organiserId,
            @Nullable String password,
            boolean enabled,
            @Nullable Long version) {}

    static AccountForm of(Account a) {
        return new AccountForm(
                a.email(),
                a.displayName(),
                a.role().name(),
                a.organiserId() == null ? "" : String.valueOf(a.organiserId()),
                "",
                a.enabled() ? "on" : null,
                a.version() == null ? "" : String.valueOf(a.version()));
    }

    static AccountForm blank() {
        return new AccountForm("", "", AccountRole.ORGANISER.name(), "", "", "on", "");
    }

    AccountForm withoutPassword() {
        return new AccountForm(email, displayName, role, organiserId, "", enabled, version);
    }

    /**
     * @param creating whether a password is required (new account) or optional (a new one for an
     *     existing account)
     * @param organiserName the name of an organisation by id, for the password's context words
     */
    Input validate(
            boolean creating,
            FormErrors errors,
            PasswordPolicy policy,
            Function<Long, String> organiserName) {
        String e = Account.normaliseEmail(email);
        if (e.isEmpty()) {
            errors.field("email", "console.error.required");
        } else if (!EmailAddress.valid(e)) {
            errors.field("email", "console.error.email");
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty()) {
            errors.field("displayName", "console.error.required");
        } else if (name.length() > 200) {
            errors.field("displayName", "console.error.tooLong", 200);
        }
        AccountRole r =
                Arrays.stream(AccountRole.values())
                        .filter(v -> v.name().equals(role))
                        .findFirst()
                        .orElse(null);
        if (r == null) {
            errors.field("role", "console.account.error.role");
        }
        Long organiser = FormFields.parseLong(organiserId);
        if (r == AccountRole.ORGANISER && organiser == null) {
            errors.field("organiserId", "console.account.error.organiserRequired");
        }
        String pw = password == null || password.isEmpty() ? null : password;
        if (creating || pw != null) {
            String problem =
                    policy.problem(
                            pw,
                            e,
                            r == AccountRole.ORGANISER && organiser != null
                                    ? organiserName.apply(organiser)
                                    : null);
            if (problem != null) {
                errors.field("password", problem);
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Input(
                e,
                name,
                r,
                r == AccountRole.ORGANISER ? organiser : null,
                pw,
                enabled != null && !enabled.isEmpty(),
                FormFields.parseLong(version));
    }
}
