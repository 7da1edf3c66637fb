package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.core.annotation.Nullable;

/**
 * A checked submission, ready to be stored by {@link Signatures#submit} (or, recorded by an
 * organiser, by {@link Signatures#record}; only then may the address be missing).
 */
public record SignatureRequest(
        String name,
        SignerRole role,
        @Nullable String roleOther,
        @Nullable String body,
        SignTarget target,
        @Nullable EmailAddress email,
        boolean publicName,
        boolean outcomeMails) {

    /** Without the wish to hear about the hand-over and the answer. */
    public SignatureRequest(
            String name,
            SignerRole role,
            @Nullable String roleOther,
            @Nullable String body,
            SignTarget target,
            EmailAddress email,
            boolean publicName) {
        this(name, role, roleOther, body, target, email, publicName, false);
    }
}
