package de.mitzeichnen.signing;

import de.mitzeichnen.email.EmailAddress;
import de.mitzeichnen.appeal.SignerRole;
import io.micronaut.core.annotation.Nullable;

/** A checked submission, ready to be stored by {@link Signatures#submit}. */
public record SignatureRequest(String name, SignerRole role, @Nullable String roleOther, @Nullable String body,
                               SignTarget target, EmailAddress email, boolean publicName) {
}
