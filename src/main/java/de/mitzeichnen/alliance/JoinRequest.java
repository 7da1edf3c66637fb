package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.email.EmailAddress;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/** A checked declaration of joining, ready to be stored. */
record JoinRequest(
        String name,
        SignerRole role,
        @Nullable String roleOther,
        MemberTarget target,
        EmailAddress email,
        String decisionKind,
        LocalDate decidedOn,
        @Nullable String decisionNumber) {}
