package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.signing.VerificationMethod;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A declaration that a place joins an alliance, as the official sent it and the organiser decided
 * it (a row of {@code alliance_join}). Name, address, the other role's words and the decline reason
 * are null once erased.
 *
 * @param target the place: a German municipality, a Landkreis, or a place abroad as typed
 * @param trust how far the address speaks for the place, judged when it was confirmed
 * @param decidedOn the date of the decision to join, the membership's first day
 */
public record JoinDeclaration(
        long id,
        long allianceId,
        JoinState state,
        MemberTarget target,
        SignerRole role,
        @Nullable String roleOther,
        @Nullable String name,
        @Nullable String email,
        @Nullable String emailKey,
        @Nullable DomainTrust trust,
        String decisionKind,
        LocalDate decidedOn,
        @Nullable String decisionNumber,
        String language,
        Instant confirmExpiresAt,
        int mailsSent,
        Instant createdAt,
        @Nullable Instant confirmedAt,
        @Nullable Instant decidedAt,
        @Nullable Long decidedBy,
        @Nullable VerificationMethod checkMethod,
        @Nullable String declineReason,
        @Nullable Long memberId,
        @Nullable Instant erasedAt) {

    /** The declarant's language, for the mails. */
    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /**
     * The basis as the membership keeps it, in the declarant's words: „Stadtratsbeschluss vom
     * 18.12.2019, Antrag Nr. 20-26 / A 05689".
     */
    public String basis() {
        String joined = language.equals("en") ? " of " : " vom ";
        String basis = decisionKind + joined + Dates.shown(decidedOn);
        return decisionNumber == null ? basis : basis + ", " + decisionNumber;
    }

    /** The key of the place's official mail domains (AGS or Landkreis key); null abroad. */
    public @Nullable String placeKey() {
        if (target instanceof MemberTarget.Municipality m) {
            return m.ags();
        }
        return target instanceof MemberTarget.District d ? d.key() : null;
    }

    public boolean abroad() {
        return target instanceof MemberTarget.Foreign;
    }

    /** The role in the declarant's words where they chose „Andere Funktion". */
    public boolean otherRole() {
        return role == SignerRole.OTHER && roleOther != null;
    }
}
