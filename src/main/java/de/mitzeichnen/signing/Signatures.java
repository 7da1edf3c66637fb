package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealText;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.audit.AuditLog;
import de.mitzeichnen.console.UploadedFile;
import de.mitzeichnen.counting.SupportLedger;
import de.mitzeichnen.counting.Tally;
import de.mitzeichnen.db.UtcInstantConverter;
import de.mitzeichnen.municipality.DomainTrust;
import de.mitzeichnen.municipality.ForeignMunicipalities;
import de.mitzeichnen.municipality.MailDomains;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The owner of the signature table: every change of a signature is one of the {@link Transition}s,
 * allowed by its table, and happens here (the submissions — SUBMIT, RESUBMIT, HOLD — in {@link
 * SubmitTransaction}), with the same effects wherever it starts (the mails, the count aggregate in
 * counting, the {@link SignatureConfirmed} event, the record of what an organiser did and why).
 */
@Singleton
public class Signatures {

    private final SignatureRepository signatures;
    private final Appeals appeals;
    private final SubmitTransaction submissions;
    private final SupportLedger ledger;
    private final SignatureMails mails;
    private final MailDomains domains;
    private final ForeignMunicipalities foreign;
    private final ApplicationEventPublisher<SignatureConfirmed> confirmations;
    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final SigningConfig config;
    private final HeldAddresses heldAddresses;
    private final Clock clock;
    private final UtcInstantConverter instants = new UtcInstantConverter();

    Signatures(
            SignatureRepository signatures,
            Appeals appeals,
            SubmitTransaction submissions,
            SupportLedger ledger,
            SignatureMails mails,
            MailDomains domains,
            ForeignMunicipalities foreign,
            ApplicationEventPublisher<SignatureConfirmed> confirmations,
            JdbcOperations jdbc,
            AuditLog audit,
            SigningConfig config,
            HeldAddresses heldAddresses,
            Clock clock) {
        this.heldAddresses = heldAddresses;
        this.audit = audit;
        this.config = config;
        this.signatures = signatures;
        this.appeals = appeals;
        this.submissions = submissions;
        this.ledger = ledger;
        this.mails = mails;
        this.domains = domains;
        this.foreign = foreign;
        this.confirmations = confirmations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * RECORD: a reply the organiser received elsewhere, stored CONFIRMED with trust
     * VERIFIED_BY_ORGANISER (who, how, note), counted, logged (signature_event and the audit log)
     * and — with an address — mailed to the signer with what was recorded and a withdrawal link,
     * all in one transaction. Empty when the address has already signed this appeal (nothing
     * changes then).
     */
    @Transactional
    public Optional<Long> record(
            Appeal appeal, SignatureRequest r, Evidence evidence, Actor actor, Locale locale) {
        Instant now = clock.instant();
        if (r.email() != null
                && signatures.findForUpdate(appeal.id(), r.email().key()).isPresent()) {
            return Optional.empty();
        }
        SignTarget.Resolved place = submissions.resolve(r.target());
        String withdrawToken = r.email() == null ? null : Tokens.newToken();
        Signature.Submission in =
                new Signature.Submission(
                        r.email() == null ? null : r.email().address(),
                        r.email() == null ? null : r.email().key(),
                        r.name(),
                        r.role(),
                        r.roleOther(),
                        r.body(),
                        place,
                        r.publicName(),
                        config.getPrivacyVersion(),
                        locale.getLanguage(),
                        AppealText.hash(appeal),
                        null,
                        false,
                        null,
                        null,
                        r.outcomeMails());
        String note = evidence.note() == null || evidence.note().isBlank() ? null : evidence.note();
        ledger.lock(appeal.id());
        Signature saved =
                signatures.save(
                        Signature.recorded(
                                appeal.id(),
                                in,
                                actor.email(),
                                evidence.method(),
                                note,
                                withdrawToken == null ? null : Tokens.hash(withdrawToken),
                                now));
        jdbc.prepareStatement(
                "INSERT INTO signature_evidence (signature_id, appeal_id, evidence_date, file_name,"
                        + " content_type, file_size, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    UploadedFile f = evidence.file();
                    ps.setLong(1, saved.id());
                    ps.setLong(2, appeal.id());
                    ps.setObject(3, evidence.date());
                    ps.setString(4, f == null ? null : f.name());
                    ps.setString(5, f == null ? null : f.contentType());
                    ps.setObject(6, f == null ? null : f.content().length);
                    ps.setBytes(7, f == null ? null : f.content());
                    ps.setString(8, instants.convertToPersistedValue(now, null));
                    return ps.executeUpdate();
                });
        String how =
                evidence.method().name() + (evidence.date() == null ? "" : " " + evidence.date());
        record(
                saved,
                Transition.RECORD,
                note == null ? how : how + ": " + note,
                actor.email(),
                now);
        ledger.changed(appeal.id(), Tally.NONE, tally(appeal, saved));
        if (withdrawToken != null) {
            mails.recorded(
                    appeal,
                    saved,
                    evidence,
                    withdrawToken,
                    Locale.forLanguageTag(saved.language()));
        }
        if (saved.foreignMunicipalityId() != null) {
            foreign.markListed(saved.foreignMunicipalityId());
        }
        if (saved.emailKey() != null) {
            confirmations.publishEvent(
                    new SignatureConfirmed(appeal.id(), saved.id(), saved.emailKey()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("signature", saved.id());
        details.put("method", evidence.method().name());
        details.put("date", evidence.date() == null ? null : evidence.date().toString());
        details.put("file", evidence.file() == null ? null : evidence.file().name());
        audit.record(actor, "SIGNATURE_RECORD", appeal.organiserId(), appeal.id(), details);
        return Optional.of(saved.id());
    }

    /** The evidence file of a recorded signature of the appeal (for the organiser only). */
    @Transactional
    public Optional<UploadedFile> evidenceFile(long appealId, long signatureId) {
        return jdbc.prepareStatement(
                "SELECT file_name, content_type, content FROM signature_evidence"
                        + " WHERE appeal_id = ? AND signature_id = ? AND content IS NOT NULL",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setLong(2, signatureId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? Optional.of(
                                        new UploadedFile(
                                                rs.getString(1), rs.getString(2), rs.getBytes(3)))
                                : Optional.<UploadedFile>empty();
                    }
                });
    }

    /**
     * A reply recorded by hand, for the organiser's list: who, for which place, how, and whether a
     * file is kept.
     */
    public record RecordedReply(
            long signatureId,
            @Nullable String name,
            SignatureStatus status,
            @Nullable String municipalityAgs,
            @Nullable String districtAgs,
            @Nullable VerificationMethod method,
            @Nullable LocalDate date,
            @Nullable String fileName,
            String verifiedBy,
            Instant recordedAt) {}

    /** The replies recorded by hand under an appeal, newest first. */
    @Transactional
    public List<RecordedReply> recordedReplies(long appealId, int limit) {
        return jdbc.prepareStatement(
                "SELECT s.id, s.name, s.status, s.municipality_ags, s.district_ags,"
                        + " s.verification_method, e.evidence_date, e.file_name, s.verified_by, e.created_at"
                        + " FROM signature_evidence e JOIN signature s ON s.id = e.signature_id"
                        + " WHERE e.appeal_id = ? ORDER BY e.signature_id DESC LIMIT ?",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setInt(2, limit);
                    List<RecordedReply> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String method = rs.getString(6);
                            out.add(
                                    new RecordedReply(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            SignatureStatus.valueOf(rs.getString(3)),
                                            rs.getString(4),
                                            rs.getString(5),
                                            method == null
                                                    ? null
                                                    : VerificationMethod.valueOf(method),
                                            rs.getObject(7, LocalDate.class),
                                            rs.getString(8),
                                            rs.getString(9),
                                            instants.convertToEntityValue(rs.getString(10), null)));
                        }
                    }
                    return out;
                });
    }

    /**
     * Someone to tell about the hand-over or the answer: the address and language of a counted
     * signer.
     */
    public record OutcomeRecipient(
            long signatureId, String email, @Nullable String name, String language) {}

    /** The confirmed signers of an appeal who asked to hear about the hand-over and the answer. */
    @Transactional
    public List<OutcomeRecipient> outcomeRecipients(long appealId) {
        return jdbc.prepareStatement(
                "SELECT id, email, name, language FROM signature WHERE appeal_id = ?"
                        + " AND status = 'CONFIRMED' AND outcome_mails AND email IS NOT NULL ORDER BY id",
                ps -> {
                    ps.setLong(1, appealId);
                    List<OutcomeRecipient> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(
                                    new OutcomeRecipient(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getString(4)));
                        }
                    }
                    return out;
                });
    }

    @Transactional
    public Optional<Signature> find(long id) {
        return signatures.findById(id);
    }

    /**
     * VERIFY: the organiser checked it by other means. A pending signature is confirmed on the way.
     */
    @Transactional
    public boolean verify(
            long appealId,
            long signatureId,
            String actor,
            @Nullable VerificationMethod method,
            @Nullable String note) {
        String how = method == null ? "" : method.name();
        String reason =
                note == null || note.isBlank() ? how : how.isEmpty() ? note : how + ": " + note;
        return apply(
                        appealId,
                        List.of(signatureId),
                        Transition.VERIFY,
                        actor,
                        reason,
                        method,
                        note == null || note.isBlank() ? null : note)
                == 1;
    }

    /** REJECT: no longer counted. */
    @Transactional
    public boolean reject(long appealId, long signatureId, String actor, String reason) {
        return apply(appealId, List.of(signatureId), Transition.REJECT, actor, reason, null, null)
                == 1;
    }

    /** RESTORE: a rejection undone. */
    @Transactional
    public boolean restore(long appealId, long signatureId, String actor, String reason) {
        return apply(appealId, List.of(signatureId), Transition.RESTORE, actor, reason, null, null)
                == 1;
    }

    /** SUSPECT: held back from the count while someone looks at it. */
    @Transactional
    public boolean suspect(long appealId, long signatureId, String actor, String reason) {
        return apply(appealId, List.of(signatureId), Transition.SUSPECT, actor, reason, null, null)
                == 1;
    }

    /**
     * CLEAR: a suspected signature counts again. One held back by a rate limit before it was ever
     * confirmed becomes PENDING instead, with a fresh link, and its confirmation mail goes out now;
     * it counts once the signer confirms.
     */
    @Transactional
    public boolean clear(long appealId, long signatureId, String actor, String reason) {
        return apply(appealId, List.of(signatureId), Transition.CLEAR, actor, reason, null, null)
                == 1;
    }

    /** ANONYMISE: the personal data go for good. */
    @Transactional
    public boolean anonymise(long appealId, long signatureId, String actor, String reason) {
        return apply(
                        appealId,
                        List.of(signatureId),
                        Transition.ANONYMISE,
                        actor,
                        reason,
                        null,
                        null)
                == 1;
    }

    /**
     * Applies an organiser's transition to each of the signatures (those not in a state it starts
     * from are left alone); returns the ids that changed. The aggregate is rolled up once at the
     * end.
     */
    @Transactional
    public List<Long> applyAll(
            long appealId,
            List<Long> ids,
            Transition transition,
            String actor,
            String reason,
            @Nullable VerificationMethod method) {
        List<Long> changed = new ArrayList<>();
        Appeal appeal = appeals.byId(appealId).orElseThrow();
        Instant now = clock.instant();
        for (Long id : ids) {
            if (one(appeal, id, transition, actor, reason, method, null, now, false)) {
                changed.add(id);
            }
        }
        if (!changed.isEmpty()) {
            ledger.lock(appealId);
            ledger.rollUp(appealId);
        }
        return changed;
    }

    private int apply(
            long appealId,
            List<Long> ids,
            Transition transition,
            String actor,
            String reason,
            @Nullable VerificationMethod method,
            @Nullable String note) {
        Appeal appeal = appeals.byId(appealId).orElseThrow();
        Instant now = clock.instant();
        int n = 0;
        for (Long id : ids) {
            if (one(appeal, id, transition, actor, reason, method, note, now, true)) {
                n++;
            }
        }
        return n;
    }

    private boolean one(
            Appeal appeal,
            long id,
            Transition transition,
            String actor,
            String reason,
            @Nullable VerificationMethod method,
            @Nullable String note,
            Instant now,
            boolean rollUp) {
        Optional<Signature> found = signatures.findInAppealForUpdate(appeal.id(), id);
        if (found.isEmpty() || !transition.allowedFrom(found.get().status())) {
            return false;
        }
        Signature before = found.get();
        Signature current = before;
        Confirmation confirmation = null;
        if (transition == Transition.VERIFY && current.status() == SignatureStatus.PENDING) {
            confirmation = confirmation(current, now);
            current = confirmation.signature();
        }
        SignatureStatus target = transition.target(current.status(), current.confirmedAt() != null);
        String releaseToken =
                transition == Transition.CLEAR && target == SignatureStatus.PENDING
                        ? Tokens.newToken()
                        : null;
        Signature next =
                switch (transition) {
                    case VERIFY -> current.verified(actor, method, note, now);
                    case ANONYMISE -> current.erased(target, now);
                    case CLEAR ->
                            releaseToken != null
                                    ? current.released(
                                            Tokens.hash(releaseToken),
                                            submissions.expiry(appeal, now),
                                            now)
                                    : current.withStatus(target, now);
                    default -> current.withStatus(target, now);
                };
        Signature saved = signatures.update(next);
        if (confirmation != null) {
            announce(appeal, saved, confirmation.withdrawToken());
        }
        if (releaseToken != null) {
            mails.confirmation(
                    appeal, saved, releaseToken, Locale.forLanguageTag(saved.language()));
        }
        record(saved, transition, reason, actor, now);
        if (rollUp) {
            ledger.changed(appeal.id(), tally(appeal, before), tally(appeal, saved));
        } else {
            ledger.moved(appeal.id(), tally(appeal, before), tally(appeal, saved));
        }
        return true;
    }

    /** A confirmed signature, not yet stored, and the withdrawal token its mail carries. */
    record Confirmation(Signature signature, String withdrawToken) {}

    /**
     * CONFIRM, first half: fixes the trust of the address for the place. The caller holds the row
     * lock, stores the result, then calls {@link #announce} and updates the aggregate.
     */
    Confirmation confirmation(Signature s, Instant now) {
        Trust trust = Trust.EMAIL_ONLY;
        TrustFlag flag = null;
        String place = s.municipalityAgs() != null ? s.municipalityAgs() : s.districtAgs();
        if (place != null) {
            DomainTrust dt = domains.trustFor(s.emailKey(), place);
            switch (dt) {
                case OFFICIAL_DOMAIN -> trust = Trust.OFFICIAL_DOMAIN;
                case OTHER_MUNICIPALITY -> flag = TrustFlag.OTHER_MUNICIPALITY;
                case FREEMAIL -> flag = TrustFlag.FREEMAIL;
                default -> {}
            }
        } else if (domains.isFreemail(s.domain())) {
            flag = TrustFlag.FREEMAIL;
        }
        if (s.trust() == Trust.INVITED) {
            trust = Trust.INVITED;
        }
        String withdrawToken = Tokens.newToken();
        return new Confirmation(
                s.confirmed(trust, flag, Tokens.hash(withdrawToken), now), withdrawToken);
    }

    /** CONFIRM, second half: the mail with the withdrawal link, and the news for the others. */
    void announce(Appeal appeal, Signature confirmed, String withdrawToken) {
        mails.confirmed(
                appeal, confirmed, withdrawToken, Locale.forLanguageTag(confirmed.language()));
        if (confirmed.foreignMunicipalityId() != null) {
            // a place typed by a signer becomes searchable only once someone confirmed signing for
            // it
            foreign.markListed(confirmed.foreignMunicipalityId());
        }
        confirmations.publishEvent(
                new SignatureConfirmed(appeal.id(), confirmed.id(), confirmed.emailKey()));
    }

    /**
     * CONFIRM by the signer's link (see {@link ConfirmSignature}); the caller holds the row lock.
     */
    Signature confirm(Appeal appeal, Signature pending, Instant now) {
        Transition.CONFIRM.target(pending.status(), false);
        Confirmation c = confirmation(pending, now);
        Signature saved = signatures.update(c.signature());
        announce(appeal, saved, c.withdrawToken());
        ledger.changed(appeal.id(), tally(appeal, pending), tally(appeal, saved));
        return saved;
    }

    /**
     * WITHDRAW by the signer's link (see {@link WithdrawSignature}); the caller holds the row lock.
     */
    Signature withdraw(Appeal appeal, Signature confirmed, Instant now) {
        Signature saved =
                signatures.update(
                        confirmed.erased(
                                Transition.WITHDRAW.target(confirmed.status(), true), now));
        ledger.changed(appeal.id(), tally(appeal, confirmed), tally(appeal, saved));
        return saved;
    }

    /**
     * How many submissions of the trending window came from one address hash or one mail domain.
     */
    public record Group(String key, long submissions, long suspected) {}

    /** A submission held back (suspected and never confirmed), as the trending view lists it. */
    public record Held(
            long id,
            String name,
            String email,
            String domain,
            String ipHash,
            Instant submittedAt) {}

    /** Submissions since {@code since}, grouped by client address hash, most first. */
    @Transactional
    public List<Group> submissionsByAddress(long appealId, Instant since) {
        return groups("COALESCE(ip_hash, '')", appealId, since);
    }

    /** Submissions since {@code since}, grouped by e-mail domain, most first. */
    @Transactional
    public List<Group> submissionsByDomain(long appealId, Instant since) {
        return groups("SUBSTRING_INDEX(email_key, '@', -1)", appealId, since);
    }

    private List<Group> groups(String key, long appealId, Instant since) {
        return jdbc.prepareStatement(
                "SELECT "
                        + key
                        + " AS k, COUNT(*), SUM(status = 'SUSPECTED') FROM signature"
                        + " WHERE appeal_id = ? AND submitted_at >= ? AND email_key IS NOT NULL"
                        + " GROUP BY k ORDER BY COUNT(*) DESC, k LIMIT 50",
                ps -> {
                    ps.setLong(1, appealId);
                    ps.setString(2, instants.convertToPersistedValue(since, null));
                    List<Group> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Group(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                        }
                    }
                    return out;
                });
    }

    /** The submissions held back by a rate limit that wait for the organiser, newest first. */
    @Transactional
    public List<Held> held(long appealId) {
        return jdbc.prepareStatement(
                "SELECT id, name, email, email_key, ip_hash, submitted_at FROM signature"
                        + " WHERE appeal_id = ? AND status = 'SUSPECTED' AND confirmed_at IS NULL"
                        + " ORDER BY submitted_at DESC, id DESC LIMIT 500",
                ps -> {
                    ps.setLong(1, appealId);
                    List<Held> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String key = rs.getString(4);
                            out.add(
                                    new Held(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            key == null
                                                    ? ""
                                                    : key.substring(key.lastIndexOf('@') + 1),
                                            rs.getString(5) == null ? "" : rs.getString(5),
                                            instants.convertToEntityValue(rs.getString(6), null)));
                        }
                    }
                    return out;
                });
    }

    /**
     * The held submissions of one client address: those stored ({@code submissions}, newest first)
     * and how many more were only counted since the organiser last decided on the address.
     */
    public record HeldAddress(
            String ipHash, long stored, long counted, Instant latest, List<Held> submissions) {
        public long total() {
            return stored + counted;
        }

        /** The first few names, for a glance at whether they look like people or a bot. */
        public String preview() {
            String names =
                    String.join(
                            ", ",
                            submissions.stream()
                                    .limit(3)
                                    .map(h -> h.name() == null ? "–" : h.name())
                                    .toList());
            return submissions.size() > 3 ? names + ", …" : names;
        }
    }

    /** All held submissions of an appeal: stored, only counted, from how many addresses. */
    public record HeldTotals(long stored, long counted, long addresses) {
        public long total() {
            return stored + counted;
        }
    }

    /** What deciding on an address did: signatures changed, counted ones done with. */
    public record AddressDecision(int changed, long counted) {}

    /** Held submissions by client address, most first (at most {@code max} addresses). */
    @Transactional
    public List<HeldAddress> heldByAddress(long appealId, int max) {
        Map<String, List<Held>> stored = new LinkedHashMap<>();
        for (Held h : held(appealId)) {
            stored.computeIfAbsent(h.ipHash(), k -> new ArrayList<>()).add(h);
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Instant> latest = new LinkedHashMap<>();
        jdbc.prepareStatement(
                "SELECT COALESCE(ip_hash, ''), COUNT(*), MAX(submitted_at) FROM signature"
                        + " WHERE appeal_id = ? AND status = 'SUSPECTED' AND confirmed_at IS NULL"
                        + " GROUP BY COALESCE(ip_hash, '')",
                ps -> {
                    ps.setLong(1, appealId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.put(rs.getString(1), new long[] {rs.getLong(2), 0});
                            latest.put(
                                    rs.getString(1),
                                    instants.convertToEntityValue(rs.getString(3), null));
                        }
                    }
                    return null;
                });
        jdbc.prepareStatement(
                "SELECT ip_hash, dropped, last_at FROM held_address"
                        + " WHERE appeal_id = ? AND dropped > 0",
                ps -> {
                    ps.setLong(1, appealId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.computeIfAbsent(rs.getString(1), k -> new long[2])[1] =
                                    rs.getLong(2);
                            Instant at = instants.convertToEntityValue(rs.getString(3), null);
                            latest.merge(rs.getString(1), at, (a, b) -> a.isAfter(b) ? a : b);
                        }
                    }
                    return null;
                });
        return counts.entrySet().stream()
                .map(
                        e ->
                                new HeldAddress(
                                        e.getKey(),
                                        e.getValue()[0],
                                        e.getValue()[1],
                                        latest.get(e.getKey()),
                                        stored.getOrDefault(e.getKey(), List.of())))
                .sorted(
                        Comparator.comparingLong(HeldAddress::total)
                                .reversed()
                                .thenComparing(HeldAddress::latest, Comparator.reverseOrder()))
                .limit(max)
                .toList();
    }

    /** How much is held for the appeal's dashboard. */
    @Transactional
    public HeldTotals heldTotals(long appealId) {
        long[] t =
                jdbc.prepareStatement(
                        "SELECT (SELECT COUNT(*) FROM signature WHERE appeal_id = ?"
                                + " AND status = 'SUSPECTED' AND confirmed_at IS NULL),"
                                + " (SELECT COALESCE(SUM(dropped), 0) FROM held_address"
                                + " WHERE appeal_id = ?),"
                                + " (SELECT COUNT(DISTINCT COALESCE(ip_hash, '')) FROM signature"
                                + " WHERE appeal_id = ? AND status = 'SUSPECTED'"
                                + " AND confirmed_at IS NULL)",
                        ps -> {
                            ps.setLong(1, appealId);
                            ps.setLong(2, appealId);
                            ps.setLong(3, appealId);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                            }
                        });
        return new HeldTotals(t[0], t[1], t[2]);
    }

    /**
     * CLEAR ({@code release}) or REJECT every stored held submission of one client address, in one
     * transaction; what was only counted is done with (it cannot be released: nothing of it was
     * stored).
     */
    @Transactional
    public AddressDecision decideAddress(
            long appealId, String ipHash, boolean release, String actor, String reason) {
        List<Long> ids =
                jdbc.prepareStatement(
                        "SELECT id FROM signature WHERE appeal_id = ? AND status = 'SUSPECTED'"
                                + " AND confirmed_at IS NULL AND COALESCE(ip_hash, '') = ?"
                                + " ORDER BY id",
                        ps -> {
                            ps.setLong(1, appealId);
                            ps.setString(2, ipHash);
                            List<Long> out = new ArrayList<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.add(rs.getLong(1));
                                }
                            }
                            return out;
                        });
        int changed =
                ids.isEmpty()
                        ? 0
                        : applyAll(
                                        appealId,
                                        ids,
                                        release ? Transition.CLEAR : Transition.REJECT,
                                        actor,
                                        reason,
                                        null)
                                .size();
        // the address's row last, as a submission locks it last
        long counted =
                jdbc.prepareStatement(
                        "SELECT dropped FROM held_address WHERE appeal_id = ? AND ip_hash = ?"
                                + " FOR UPDATE",
                        ps -> {
                            ps.setLong(1, appealId);
                            ps.setString(2, ipHash);
                            try (ResultSet rs = ps.executeQuery()) {
                                return rs.next() ? rs.getLong(1) : 0L;
                            }
                        });
        heldAddresses.decided(appealId, ipHash);
        return new AddressDecision(changed, counted);
    }

    /**
     * Retention: ANONYMISE every signature of the appeal that still holds personal data; confirmed
     * ones keep their status, so that the counts stay as they were. Returns how many changed.
     */
    @Transactional
    public int anonymiseAppeal(long appealId, String actor, String reason) {
        List<Long> ids =
                jdbc.prepareStatement(
                        "SELECT id FROM signature WHERE appeal_id = ?"
                                + " AND (email IS NOT NULL OR name IS NOT NULL OR body IS NOT NULL OR role_other IS NOT NULL)",
                        ps -> {
                            ps.setLong(1, appealId);
                            List<Long> out = new ArrayList<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.add(rs.getLong(1));
                                }
                            }
                            return out;
                        });
        return ids.isEmpty()
                ? 0
                : applyAll(appealId, ids, Transition.ANONYMISE, actor, reason, null).size();
    }

    /**
     * Retention: the client address hashes of an appeal's signatures go (30 days after its
     * deadline).
     */
    @Transactional
    public int eraseIpHashes(long appealId) {
        jdbc.prepareStatement(
                "DELETE FROM held_address WHERE appeal_id = ?",
                ps -> {
                    ps.setLong(1, appealId);
                    return ps.executeUpdate();
                });
        return jdbc.prepareStatement(
                "UPDATE signature SET ip_hash = NULL WHERE appeal_id = ? AND ip_hash IS NOT NULL",
                ps -> {
                    ps.setLong(1, appealId);
                    return ps.executeUpdate();
                });
    }

    /**
     * Deletes unconfirmed (PENDING) signatures whose link expired before {@code expiredBefore},
     * with their events. Pending ones are neither counted nor awaiting, so the aggregate is
     * unchanged; it is rolled up all the same for each appeal touched, so that it stays right
     * whatever it held. Returns how many were deleted.
     */
    @Transactional
    public int purgeExpired(Instant expiredBefore) {
        record Row(long id, long appealId) {}
        List<Row> rows =
                jdbc.prepareStatement(
                        "SELECT id, appeal_id FROM signature WHERE status = 'PENDING'"
                                + " AND confirm_expires_at < ? ORDER BY id LIMIT 5000 FOR UPDATE",
                        ps -> {
                            ps.setString(1, instants.convertToPersistedValue(expiredBefore, null));
                            List<Row> out = new ArrayList<>();
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.add(new Row(rs.getLong(1), rs.getLong(2)));
                                }
                            }
                            return out;
                        });
        Set<Long> appealIds = new TreeSet<>();
        for (Row r : rows) {
            jdbc.prepareStatement(
                    "DELETE FROM signature_event WHERE signature_id = ?",
                    ps -> {
                        ps.setLong(1, r.id());
                        return ps.executeUpdate();
                    });
            jdbc.prepareStatement(
                    "DELETE FROM signature WHERE id = ? AND status = 'PENDING'",
                    ps -> {
                        ps.setLong(1, r.id());
                        return ps.executeUpdate();
                    });
            appealIds.add(r.appealId());
        }
        for (Long appealId : appealIds) {
            ledger.lock(appealId);
            ledger.rollUp(appealId);
        }
        return rows.size();
    }

    /**
     * The confirmed addresses (address keys) of an appeal, e.g. to flag invitations of people who
     * signed.
     */
    @Transactional
    public Set<String> confirmedAddresses(long appealId) {
        return jdbc.prepareStatement(
                "SELECT email_key FROM signature WHERE appeal_id = ? AND status = 'CONFIRMED'"
                        + " AND email_key IS NOT NULL",
                ps -> {
                    ps.setLong(1, appealId);
                    Set<String> out = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                    return out;
                });
    }

    private static Tally tally(Appeal appeal, Signature s) {
        return SignatureTally.of(s, appeal.publicCount());
    }

    private void record(
            Signature s, Transition transition, String reason, String actor, Instant now) {
        jdbc.prepareStatement(
                "INSERT INTO signature_event (signature_id, appeal_id, action, reason, actor, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setLong(1, s.id());
                    ps.setLong(2, s.appealId());
                    ps.setString(3, transition.name());
                    ps.setString(4, reason.length() > 500 ? reason.substring(0, 500) : reason);
                    ps.setString(5, actor);
                    ps.setString(6, instants.convertToPersistedValue(now, null));
                    return ps.executeUpdate();
                });
    }
}
