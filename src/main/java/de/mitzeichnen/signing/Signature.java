package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One official's signature for one place (a municipality, a Landkreis via {@code districtAgs}, or a
 * foreign municipality) under one appeal. Only {@link Signatures} changes it, through the withers
 * below.
 */
@MappedEntity("signature")
public record Signature(
        @Id @GeneratedValue @Nullable Long id,
        Long appealId,
        SignatureStatus status,
        @Nullable String email,
        @Nullable String emailKey,
        @Nullable String name,
        SignerRole role,
        @Nullable String roleOther,
        @Nullable String body,
        @Nullable String municipalityAgs,
        @Nullable String districtAgs,
        @Nullable LocalDate gebietsstand,
        @Nullable Long foreignMunicipalityId,
        boolean publicName,
        String privacyVersion,
        @Utc Instant privacyConsentAt,
        String language,
        String appealTextHash,
        @Nullable String ipHash,
        @Nullable Trust trust,
        @Nullable TrustFlag trustFlag,
        @Nullable String confirmTokenHash,
        @Nullable @Utc Instant confirmExpiresAt,
        @Nullable String withdrawTokenHash,
        int mailsSent,
        @Nullable String verifiedBy,
        @Nullable @Utc Instant verifiedAt,
        @Nullable VerificationMethod verificationMethod,
        @Nullable String verificationNote,
        @Utc Instant submittedAt,
        @Nullable @Utc Instant confirmedAt,
        @Nullable @Utc Instant withdrawnAt,
        @Utc Instant createdAt,
        @Utc Instant updatedAt,
        @Version @Nullable Long version,
        boolean outcomeMails) {

    /** What a submission says: who signs, for which place, and the link's hash and lifetime. */
    record Submission(
            String email,
            String emailKey,
            String name,
            SignerRole role,
            @Nullable String roleOther,
            @Nullable String body,
            SignTarget.Resolved place,
            boolean publicName,
            String privacyVersion,
            String language,
            String appealTextHash,
            @Nullable String ipHash,
            boolean invited,
            String confirmTokenHash,
            Instant confirmExpiresAt,
            boolean outcomeMails) {}

    static Signature pending(long appealId, Submission in, Instant now) {
        return new Signature(
                null,
                appealId,
                Transition.SUBMIT.target(null, false),
                in.email(),
                in.emailKey(),
                in.name(),
                in.role(),
                in.roleOther(),
                in.body(),
                in.place().municipalityAgs(),
                in.place().districtAgs(),
                in.place().gebietsstand(),
                in.place().foreignId(),
                in.publicName(),
                in.privacyVersion(),
                now,
                in.language(),
                in.appealTextHash(),
                in.ipHash(),
                in.invited() ? Trust.INVITED : null,
                null,
                in.confirmTokenHash(),
                in.confirmExpiresAt(),
                null,
                in.invited() ? 0 : 1,
                null,
                null,
                null,
                null,
                now,
                null,
                null,
                now,
                now,
                null,
                in.outcomeMails());
    }

    /**
     * A reply the organiser received elsewhere and records by hand: confirmed at once, verified by
     * the organiser ({@code by}, how, note). With an address it carries a withdrawal link like any
     * confirmed signature.
     */
    static Signature recorded(
            long appealId,
            Submission in,
            String by,
            VerificationMethod method,
            @Nullable String note,
            @Nullable String withdrawHash,
            Instant now) {
        return new Signature(
                null,
                appealId,
                Transition.RECORD.target(null, false),
                in.email(),
                in.emailKey(),
                in.name(),
                in.role(),
                in.roleOther(),
                in.body(),
                in.place().municipalityAgs(),
                in.place().districtAgs(),
                in.place().gebietsstand(),
                in.place().foreignId(),
                in.publicName(),
                in.privacyVersion(),
                now,
                in.language(),
                in.appealTextHash(),
                null,
                Trust.VERIFIED_BY_ORGANISER,
                null,
                null,
                null,
                withdrawHash,
                withdrawHash == null ? 0 : 1,
                by,
                now,
                method,
                note,
                now,
                now,
                null,
                now,
                now,
                null,
                in.outcomeMails());
    }

    /** A submission beyond a rate limit: suspected from the start, without a link or a mail. */
    static Signature held(long appealId, Submission in, Instant now) {
        Signature p = pending(appealId, in, now);
        return new Signature(
                null,
                appealId,
                Transition.HOLD.target(null, false),
                p.email,
                p.emailKey,
                p.name,
                p.role,
                p.roleOther,
                p.body,
                p.municipalityAgs,
                p.districtAgs,
                p.gebietsstand,
                p.foreignMunicipalityId,
                p.publicName,
                p.privacyVersion,
                now,
                p.language,
                p.appealTextHash,
                p.ipHash,
                p.trust,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                now,
                null,
                null,
                now,
                now,
                null,
                p.outcomeMails);
    }

    /**
     * A held submission cleared by the organiser: pending, with a fresh link that the confirmation
     * mail carries.
     */
    Signature released(String tokenHash, Instant expiresAt, Instant now) {
        return new Signature(
                id,
                appealId,
                SignatureStatus.PENDING,
                email,
                emailKey,
                name,
                role,
                roleOther,
                body,
                municipalityAgs,
                districtAgs,
                gebietsstand,
                foreignMunicipalityId,
                publicName,
                privacyVersion,
                privacyConsentAt,
                language,
                appealTextHash,
                ipHash,
                trust,
                trustFlag,
                tokenHash,
                expiresAt,
                withdrawTokenHash,
                mailsSent + 1,
                verifiedBy,
                verifiedAt,
                verificationMethod,
                verificationNote,
                submittedAt,
                confirmedAt,
                withdrawnAt,
                createdAt,
                now,
                version,
                outcomeMails);
    }

    /**
     * The same address submits again while pending: the new data replace the old, with a fresh
     * link.
     */
    Signature resubmitted(Submission in, Instant now) {
        return new Signature(
                id,
                appealId,
                Transition.RESUBMIT.target(status, confirmedAt != null),
                in.email(),
                emailKey,
                in.name(),
                in.role(),
                in.roleOther(),
                in.body(),
                in.place().municipalityAgs(),
                in.place().districtAgs(),
                in.place().gebietsstand(),
                in.place().foreignId(),
                in.publicName(),
                in.privacyVersion(),
                now,
                in.language(),
                in.appealTextHash(),
                in.ipHash(),
                in.invited() ? Trust.INVITED : trust,
                null,
                in.confirmTokenHash(),
                in.confirmExpiresAt(),
                null,
                mailsSent + (in.invited() ? 0 : 1),
                verifiedBy,
                verifiedAt,
                verificationMethod,
                verificationNote,
                now,
                null,
                null,
                createdAt,
                now,
                version,
                in.outcomeMails());
    }

    Signature withMailsSent(int sent, Instant now) {
        return new Signature(
                id,
                appealId,
                status,
                email,
                emailKey,
                name,
                role,
                roleOther,
                body,
                municipalityAgs,
                districtAgs,
                gebietsstand,
                foreignMunicipalityId,
                publicName,
                privacyVersion,
                privacyConsentAt,
                language,
                appealTextHash,
                ipHash,
                trust,
                trustFlag,
                confirmTokenHash,
                confirmExpiresAt,
                withdrawTokenHash,
                sent,
                verifiedBy,
                verifiedAt,
                verificationMethod,
                verificationNote,
                submittedAt,
                confirmedAt,
                withdrawnAt,
                createdAt,
                now,
                version,
                outcomeMails);
    }

    Signature withStatus(SignatureStatus next, Instant now) {
        return new Signature(
                id,
                appealId,
                next,
                email,
                emailKey,
                name,
                role,
                roleOther,
                body,
                municipalityAgs,
                districtAgs,
                gebietsstand,
                foreignMunicipalityId,
                publicName,
                privacyVersion,
                privacyConsentAt,
                language,
                appealTextHash,
                ipHash,
                trust,
                trustFlag,
                confirmTokenHash,
                confirmExpiresAt,
                withdrawTokenHash,
                mailsSent,
                verifiedBy,
                verifiedAt,
                verificationMethod,
                verificationNote,
                submittedAt,
                confirmedAt,
                withdrawnAt,
                createdAt,
                now,
                version,
                outcomeMails);
    }

    /**
     * Confirmed with the trust found for the address; one mail (with the withdrawal link) goes out
     * with it.
     */
    Signature confirmed(
            Trust newTrust, @Nullable TrustFlag flag, String withdrawHash, Instant now) {
        return new Signature(
                id,
                appealId,
                SignatureStatus.CONFIRMED,
                email,
                emailKey,
                name,
                role,
                roleOther,
                body,
                municipalityAgs,
                districtAgs,
                gebietsstand,
                foreignMunicipalityId,
                publicName,
                privacyVersion,
                privacyConsentAt,
                language,
                appealTextHash,
                ipHash,
                newTrust,
                flag,
                confirmTokenHash,
                confirmExpiresAt,
                withdrawHash,
                mailsSent + 1,
                verifiedBy,
                verifiedAt,
                verificationMethod,
                verificationNote,
                submittedAt,
                now,
                null,
                createdAt,
                now,
                version,
                outcomeMails);
    }

    /** Checked by the organiser by other means; the flags stay, for the record. */
    Signature verified(
            String by, @Nullable VerificationMethod method, @Nullable String note, Instant now) {
        return new Signature(
                id,
                appealId,
                SignatureStatus.CONFIRMED,
                email,
                emailKey,
                name,
                role,
                roleOther,
                body,
                municipalityAgs,
                districtAgs,
                gebietsstand,
                foreignMunicipalityId,
                publicName,
                privacyVersion,
                privacyConsentAt,
                language,
                appealTextHash,
                ipHash,
                Trust.VERIFIED_BY_ORGANISER,
                trustFlag,
                confirmTokenHash,
                confirmExpiresAt,
                withdrawTokenHash,
                mailsSent,
                by,
                now,
                method,
                note,
                submittedAt,
                confirmedAt == null ? now : confirmedAt,
                withdrawnAt,
                createdAt,
                now,
                version,
                outcomeMails);
    }

    /** Withdrawn or anonymised: the personal data go; what the count history needs stays. */
    Signature erased(SignatureStatus next, Instant now) {
        return new Signature(
                id,
                appealId,
                next,
                null,
                null,
                null,
                role,
                null,
                null,
                municipalityAgs,
                districtAgs,
                gebietsstand,
                foreignMunicipalityId,
                false,
                privacyVersion,
                privacyConsentAt,
                language,
                appealTextHash,
                null,
                trust,
                trustFlag,
                null,
                null,
                withdrawTokenHash,
                mailsSent,
                verifiedBy,
                verifiedAt,
                verificationMethod,
                null,
                submittedAt,
                confirmedAt,
                next == SignatureStatus.WITHDRAWN ? now : withdrawnAt,
                createdAt,
                now,
                version,
                false);
    }

    /** The mail domain of the address (lower case, ASCII). */
    String domain() {
        return emailKey.substring(emailKey.lastIndexOf('@') + 1);
    }
}
