package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.municipality.Municipality;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Checks a reply the organiser records by hand with exactly the sign form's rules (names, roles,
 * places), except that the address is optional and the privacy consent was given to the organiser.
 */
@Singleton
public class ReplyForms {

    private final SignFormValidator validator;

    ReplyForms(SignFormValidator validator) {
        this.validator = validator;
    }

    /**
     * A checked reply, or the message key per bad field (and, for an ambiguous place, its
     * candidates).
     *
     * @param placeName the place's name as the register writes it, for previews
     */
    public record Checked(
            @Nullable SignatureRequest request,
            Map<String, String> errors,
            List<Municipality> candidates,
            @Nullable String placeName) {
        public boolean valid() {
            return request != null;
        }
    }

    public Checked check(Appeal appeal, SignForm form) {
        SignFormValidator.Result r = validator.validate(appeal, form, true);
        if (!r.valid()) {
            return new Checked(null, r.errors(), r.candidates(), null);
        }
        SignFormValidator.Place p = r.request().place();
        String name =
                p.german() != null
                        ? p.german().displayName() + " (" + p.german().ags() + ")"
                        : p.district() != null
                                ? p.district().displayName()
                                : p.foreignName() + " (" + p.country() + ")";
        return new Checked(r.request().toRequest(), Map.of(), List.of(), name);
    }
}
