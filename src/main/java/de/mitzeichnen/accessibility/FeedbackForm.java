package de.mitzeichnen.accessibility;

import de.mitzeichnen.email.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the accessibility feedback form sends: a message about a barrier (required), the address to
 * answer (required: the operator must answer), and optionally a name and the page concerned. Bound
 * from the posted form; a missing field is empty, every text stripped.
 */
@Serdeable
record FeedbackForm(
        @Nullable String name,
        @Nullable String email,
        @Nullable String page,
        @Nullable String message) {

    static final int MAX_MESSAGE = 5000;
    static final int MAX_NAME = 200;
    static final int MAX_PAGE = 500;

    /** The fields in the order of the form, as the error summary lists them. */
    static final String[] FIELDS = {"message", "page", "name", "email"};

    FeedbackForm {
        name = text(name);
        email = text(email);
        page = text(page);
        message = text(message);
    }

    static FeedbackForm empty() {
        return new FeedbackForm("", "", "", "");
    }

    private static String text(@Nullable String v) {
        return v == null ? "" : v.strip();
    }

    /** Field name → message key of what is wrong with it; empty when the form can be sent. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (message.isEmpty()) {
            errors.put("message", "a11y.feedback.error.message.required");
        } else if (message.codePointCount(0, message.length()) > MAX_MESSAGE) {
            errors.put("message", "a11y.feedback.error.message.tooLong");
        }
        if (page.codePointCount(0, page.length()) > MAX_PAGE) {
            errors.put("page", "a11y.feedback.error.page.tooLong");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.put("name", "a11y.feedback.error.name.tooLong");
        } else if (name.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            errors.put("name", "a11y.feedback.error.name.oneLine");
        }
        if (email.isEmpty()) {
            errors.put("email", "a11y.feedback.error.email.required");
        } else {
            EmailAddress.Check check = EmailAddress.check(email);
            if (!check.valid()) {
                errors.put("email", check.errorKey());
            }
        }
        return errors;
    }
}
