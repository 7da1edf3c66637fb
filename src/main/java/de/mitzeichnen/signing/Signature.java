package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Utc;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Relation;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One official's signature for one place (a municipality, a Landkreis, or a foreign municipality)
 * under one appeal, in parts that change together: who signs ({@link Signer}, the personal data),
 * for which {@link Place}, what was agreed to ({@link Consent}), the {@link Links} mailed to the
 * signer, the {@link Verification} (trust and the organiser's check) and the {@link Times}. Status
 * and {@code updatedAt} change with every transition. Only {@link Signatures} and {@link
 * SubmitTransaction} change it: each transition builds the next state here and writes only the
 * parts it changed ({@link SignatureRepository}).
 */
@MappedEntity("signature")
public record Signature(
        @Id @GeneratedValue @Nullable Long id,
        Long appealId,
        SignatureStatus status,
        @Relation(Relation.Kind.EMBEDDED) Signer signer,
        @Relation(Relation.Kind.EMBEDDED) Place place,
        @Relation(Relation.Kind.EMBEDDED) Consent consent,
        @Relation(Relation.Kind.EMBEDDED) Links links,
        @Relation(Relation.Kind.EMBEDDED) Verification verification,
        @Relation(Relation.Kind.EMBEDDED) Times times,
        @Utc Instant updatedAt,
        @Version @Nullable Long version) {

    /**
     * Who signs: the personal data, erased on withdrawal and anonymisation, and the office, which
     * stays for the count history. The client address is kept only as a hash, and only so long.
     */
    @Embeddable
    public record Signer(
            @MappedProperty("email") @Nullable String email,
            @MappedProperty("email_key") @Nullable String emailKey,
            @MappedProperty("name") @Nullable String name,
            @MappedProperty("role") SignerRole role,
            @MappedProperty("role_other") @Nullable String roleOther,
            @MappedProperty("body") @Nullable String body,
            @MappedProperty("public_name") boolean publicName,
            @MappedProperty("outcome_mails") boolean outcomeMails,
            @MappedProperty("ip_hash") @Nullable String ipHash) {

        /** Who a checked submission names (a recorded reply may have no address). */
        static Signer of(SignatureRequest r, @Nullable String ipHash) {
            return new Signer(
                    r.email() == null ? null : r.email().address(),
                    r.email() == null ? null : r.email().key(),
                    r.name(),
                    r.role(),
                    r.roleOther(),
                    r.body(),
                    r.publicName(),
                    r.outcomeMails(),
                    ipHash);
        }

        /** The office alone: what stays once the person is gone. */
        Signer erased() {
            return new Signer(null, null, null, role, null, null, false, false, null);
        }
    }

    /**
     * The place signed for: a municipality (AGS and the register's Gebietsstand), a Landkreis
     * ({@code districtAgs}, no municipality) or a foreign municipality.
     */
    @Embeddable
    public record Place(
            @MappedProperty("municipality_ags") @Nullable String municipalityAgs,
            @MappedProperty("district_ags") @Nullable String districtAgs,
            @MappedProperty("gebietsstand") @Nullable LocalDate gebietsstand,
            @MappedProperty("foreign_municipality_id") @Nullable Long foreignMunicipalityId) {}

    /**
     * What the signer agreed to and how: the privacy notice's version and when, the language, and
     * the hash of the appeal's text as it was shown.
     */
    @Embeddable
    public record Consent(
            @MappedProperty("privacy_version") String privacyVersion,
            @MappedProperty("privacy_consent_at") @Utc Instant privacyConsentAt,
            @MappedProperty("language") String language,
            @MappedProperty("appeal_text_hash") String appealTextHash) {}

    /**
     * The links mailed to the signer (only their hashes) and how many mails the signature caused.
     */
    @Embeddable
    public record Links(
            @MappedProperty("confirm_token_hash") @Nullable String confirmTokenHash,
            @MappedProperty("confirm_expires_at") @Nullable @Utc Instant confirmExpiresAt,
            @MappedProperty("withdraw_token_hash") @Nullable String withdrawTokenHash,
            @MappedProperty("mails_sent") int mailsSent) {

        Links withMailsSent(int sent) {
            return new Links(confirmTokenHash, confirmExpiresAt, withdrawTokenHash, sent);
        }

        /** A fresh confirmation link, and the mail that carries it. */
        Links confirmLink(String hash, Instant expiresAt) {
            return new Links(hash, expiresAt, withdrawTokenHash, mailsSent + 1);
        }

        /** The withdrawal link, and the mail that carries it. */
        Links withdrawLink(String hash) {
            return new Links(confirmTokenHash, confirmExpiresAt, hash, mailsSent + 1);
        }

        /**
         * The confirmation link goes; the withdrawal link stays (it finds nothing to take back).
         */
        Links erased() {
            return new Links(null, null, withdrawTokenHash, mailsSent);
        }
    }

    /**
     * How far the signature is trusted ({@link Trust}, fixed on confirmation), what looked odd
     * ({@link TrustFlag}), and the organiser's check by other means: who, when, how, and a note.
     */
    @Embeddable
    public record Verification(
            @MappedProperty("trust") @Nullable Trust trust,
            @MappedProperty("trust_flag") @Nullable TrustFlag trustFlag,
            @MappedProperty("verified_by") @Nullable String verifiedBy,
            @MappedProperty("verified_at") @Nullable @Utc Instant verifiedAt,
            @MappedProperty("verification_method") @Nullable VerificationMethod method,
            @MappedProperty("verification_note") @Nullable String note) {

        static final Verification NONE = new Verification(null, null, null, null, null, null);

        /** The trust found on confirmation (or given on submission); the check stays. */
        Verification trusted(@Nullable Trust level, @Nullable TrustFlag flag) {
            return new Verification(level, flag, verifiedBy, verifiedAt, method, note);
        }

        /** Checked by the organiser by other means; the flag stays, for the record. */
        Verification verified(
                String by, @Nullable VerificationMethod how, @Nullable String text, Instant at) {
            return new Verification(Trust.VERIFIED_BY_ORGANISER, trustFlag, by, at, how, text);
        }

        /** The note may name people: it goes with the personal data. */
        Verification erased() {
            return new Verification(trust, trustFlag, verifiedBy, verifiedAt, method, null);
        }
    }

    /** When the signature was submitted (last), confirmed, withdrawn and first stored. */
    @Embeddable
    public record Times(
            @MappedProperty("submitted_at") @Utc Instant submittedAt,
            @MappedProperty("confirmed_at") @Nullable @Utc Instant confirmedAt,
            @MappedProperty("withdrawn_at") @Nullable @Utc Instant withdrawnAt,
            @MappedProperty("created_at") @Utc Instant createdAt) {

        static Times submitted(Instant now) {
            return new Times(now, null, null, now);
        }

        Times confirmed(Instant at) {
            return new Times(submittedAt, at, withdrawnAt, createdAt);
        }

        Times withdrawn(Instant at) {
            return new Times(submittedAt, confirmedAt, at, createdAt);
        }
    }

    /**
     * What a submission says: who signs, for which place, what they agreed to, and the link's hash
     * and lifetime ({@code invited}: the address is proven by an invitation link, no mail needed).
     */
    record Submission(
            Signer signer,
            Place place,
            Consent consent,
            boolean invited,
            @Nullable String confirmTokenHash,
            @Nullable Instant confirmExpiresAt) {

        /** The trust a submission brings along: an invitation's, else none yet. */
        @Nullable
        Trust trust() {
            return invited ? Trust.INVITED : null;
        }
    }

    /**
     * SUBMIT: pending, with the link the confirmation mail carries (none through an invitation).
     */
    static Signature pending(long appealId, Submission in, Instant now) {
        return new Signature(
                null,
                appealId,
                Transition.SUBMIT.target(null, false),
                in.signer(),
                in.place(),
                in.consent(),
                new Links(in.confirmTokenHash(), in.confirmExpiresAt(), null, in.invited() ? 0 : 1),
                Verification.NONE.trusted(in.trust(), null),
                Times.submitted(now),
                now,
                null);
    }

    /**
     * RECORD: a reply the organiser received elsewhere and records by hand: confirmed at once,
     * verified by the organiser ({@code by}, how, note). With an address it carries a withdrawal
     * link like any confirmed signature.
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
                in.signer(),
                in.place(),
                in.consent(),
                new Links(null, null, withdrawHash, withdrawHash == null ? 0 : 1),
                Verification.NONE.verified(by, method, note, now),
                Times.submitted(now).confirmed(now),
                now,
                null);
    }

    /**
     * HOLD: a submission beyond a rate limit, suspected from the start, without a link or a mail.
     */
    static Signature held(long appealId, Submission in, Instant now) {
        return new Signature(
                null,
                appealId,
                Transition.HOLD.target(null, false),
                in.signer(),
                in.place(),
                in.consent(),
                new Links(null, null, null, 0),
                Verification.NONE.trusted(in.trust(), null),
                Times.submitted(now),
                now,
                null);
    }

    /**
     * RESUBMIT: the same address submits again while pending; the new data replace the old, with a
     * fresh link. The one transition that rewrites nearly every column.
     */
    Signature resubmitted(Submission in, Instant now) {
        return new Signature(
                id,
                appealId,
                Transition.RESUBMIT.target(status, times.confirmedAt() != null),
                in.signer(),
                in.place(),
                in.consent(),
                new Links(
                        in.confirmTokenHash(),
                        in.confirmExpiresAt(),
                        null,
                        links.mailsSent() + (in.invited() ? 0 : 1)),
                verification.trusted(in.invited() ? Trust.INVITED : verification.trust(), null),
                new Times(now, null, null, times.createdAt()),
                now,
                version);
    }

    /** The same signature in another status, or with other changing parts; the rest stays. */
    private Signature next(
            SignatureStatus nextStatus,
            Signer nextSigner,
            Links nextLinks,
            Verification nextVerification,
            Times nextTimes,
            Instant now) {
        return new Signature(
                id,
                appealId,
                nextStatus,
                nextSigner,
                place,
                consent,
                nextLinks,
                nextVerification,
                nextTimes,
                now,
                version);
    }

    /** Only the status changes (REJECT, RESTORE, SUSPECT, CLEAR of a confirmed one). */
    Signature withStatus(SignatureStatus nextStatus, Instant now) {
        return next(nextStatus, signer, links, verification, times, now);
    }

    /** One more mail went out (the signature stands, and the signer is told so). */
    Signature withMailsSent(int sent, Instant now) {
        return next(status, signer, links.withMailsSent(sent), verification, times, now);
    }

    /**
     * CLEAR of a held submission: pending, with a fresh link that the confirmation mail carries.
     */
    Signature released(String tokenHash, Instant expiresAt, Instant now) {
        return next(
                SignatureStatus.PENDING,
                signer,
                links.confirmLink(tokenHash, expiresAt),
                verification,
                times,
                now);
    }

    /**
     * CONFIRM: confirmed with the trust found for the address; one mail (with the withdrawal link)
     * goes out with it.
     */
    Signature confirmed(
            Trust newTrust, @Nullable TrustFlag flag, String withdrawHash, Instant now) {
        return next(
                SignatureStatus.CONFIRMED,
                signer,
                links.withdrawLink(withdrawHash),
                verification.trusted(newTrust, flag),
                times.confirmed(now),
                now);
    }

    /** VERIFY: checked by the organiser by other means; confirmed now unless it was before. */
    Signature verified(
            String by, @Nullable VerificationMethod method, @Nullable String note, Instant now) {
        return next(
                SignatureStatus.CONFIRMED,
                signer,
                links,
                verification.verified(by, method, note, now),
                times.confirmedAt() == null ? times.confirmed(now) : times,
                now);
    }

    /**
     * WITHDRAW or ANONYMISE: the personal data go; what the count history needs (place, office,
     * trust, times) stays.
     */
    Signature erased(SignatureStatus nextStatus, Instant now) {
        return next(
                nextStatus,
                signer.erased(),
                links.erased(),
                verification.erased(),
                nextStatus == SignatureStatus.WITHDRAWN ? times.withdrawn(now) : times,
                now);
    }

    /** Whether it was ever confirmed (RESTORE and CLEAR lead back to pending otherwise). */
    boolean everConfirmed() {
        return times.confirmedAt() != null;
    }

    /** The mail domain of the address (lower case, ASCII). */
    String domain() {
        return signer.emailKey().substring(signer.emailKey().lastIndexOf('@') + 1);
    }

    /** The signer's address, for readers outside signing (null once erased). */
    public @Nullable String email() {
        return signer.email();
    }

    /** The signer's name, for readers outside signing (null once erased). */
    public @Nullable String name() {
        return signer.name();
    }

    /** The signer's language, for readers outside signing. */
    public String language() {
        return consent.language();
    }
}
