package de.mitzeichnen.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

/**
 * The outbox table. Times are passed as UTC text with microseconds ({@link
 * de.mitzeichnen.db.Sql#utc}); status changes of a claimed row are guarded by its version, so that
 * a dispatcher that lost its claim changes nothing.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {

    /** Locks due rows that no other transaction holds; must run inside the claiming transaction. */
    @Query(
            value =
                    "SELECT * FROM outbox_message WHERE status = 'PENDING' AND next_attempt_at <= :now"
                            + " ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED",
            nativeQuery = true)
    List<OutboxMessage> lockDue(String now, int limit);

    @Query(
            value =
                    "UPDATE outbox_message SET status = 'SENDING', claimed_at = :now, version = version + 1"
                            + " WHERE id IN (:ids) AND status = 'PENDING'",
            nativeQuery = true)
    int markSending(Collection<Long> ids, String now);

    @Query(
            value =
                    "UPDATE outbox_message SET status = 'SENT', sent_at = :now, attempts = attempts + 1,"
                            + " last_error = NULL, version = version + 1"
                            + " WHERE id = :id AND status = 'SENDING' AND version = :version",
            nativeQuery = true)
    int markSent(long id, long version, String now);

    /** As {@link #markSent}, and erased in the same statement (see {@link #erase}). */
    @Query(
            value =
                    "UPDATE outbox_message SET status = 'SENT', sent_at = :now, attempts = attempts + 1,"
                            + " last_error = NULL, version = version + 1, "
                            + ERASED
                            + " WHERE id = :id AND status = 'SENDING' AND version = :version",
            nativeQuery = true)
    int markSentErased(long id, long version, String now);

    @Query(
            value =
                    "UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :next, attempts = attempts + 1,"
                            + " last_error = :error, claimed_at = NULL, version = version + 1"
                            + " WHERE id = :id AND status = 'SENDING' AND version = :version",
            nativeQuery = true)
    int markRetry(long id, long version, String next, String error);

    @Query(
            value =
                    "UPDATE outbox_message SET status = 'FAILED', attempts = attempts + 1, last_error = :error,"
                            + " claimed_at = NULL, version = version + 1"
                            + " WHERE id = :id AND status = 'SENDING' AND version = :version",
            nativeQuery = true)
    int markFailed(long id, long version, String error);

    /**
     * Rows claimed before {@code staleBefore} belonged to a dispatcher that died: due again at
     * once, or given up when written before {@code giveUpBefore}.
     */
    @Query(
            value =
                    "UPDATE outbox_message SET"
                            + " status = CASE WHEN created_at < :giveUpBefore THEN 'FAILED' ELSE 'PENDING' END,"
                            + " next_attempt_at = :now, attempts = attempts + 1, claimed_at = NULL,"
                            + " last_error = CASE WHEN created_at < :giveUpBefore"
                            + "   THEN 'Sending was interrupted (dispatcher stopped) and the retry period is over'"
                            + "   ELSE 'Sending was interrupted (dispatcher stopped); trying again' END,"
                            + " version = version + 1"
                            + " WHERE id IN (:ids) AND status = 'SENDING' AND claimed_at < :staleBefore",
            nativeQuery = true)
    int reclaimStale(Collection<Long> ids, String staleBefore, String giveUpBefore, String now);

    /**
     * Candidates for {@link #reclaimStale}, read without locks: an UPDATE over the status range
     * locked the gap new PENDING rows go into, so every reclaim period stalled the enqueuers and
     * deadlocked with the claim.
     */
    @Query(
            value =
                    "SELECT id FROM outbox_message WHERE status = 'SENDING' AND claimed_at < :staleBefore",
            nativeQuery = true)
    List<Long> findStale(String staleBefore);

    /**
     * Sending was stopped before this claimed mail's turn: due again at once, the attempt not
     * counted.
     */
    @Query(
            value =
                    "UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now, claimed_at = NULL,"
                            + " version = version + 1 WHERE id = :id AND status = 'SENDING' AND version = :version",
            nativeQuery = true)
    int release(long id, long version, String now);

    /** Whom, what and the links (tokens) of a mail are kept only until it is sent or given up. */
    @Query(
            value =
                    "UPDATE outbox_message SET "
                            + ERASED
                            + " WHERE id = :id AND status IN ('SENT', 'FAILED')",
            nativeQuery = true)
    int erase(long id);

    /**
     * Mails the reclaim gave up on are erased as well (FAILED rows are few; recipient '' marks
     * erased ones).
     */
    @Query(
            value =
                    "UPDATE outbox_message SET "
                            + ERASED
                            + " WHERE status = 'FAILED' AND recipient <> ''",
            nativeQuery = true)
    int eraseFailed();

    /**
     * Everything still kept of mails to this address that are sent or given up (a withdrawal, an
     * erasure request).
     */
    @Query(
            value =
                    "DELETE FROM outbox_message WHERE recipient = :recipient AND status IN ('SENT', 'FAILED')",
            nativeQuery = true)
    int deleteFinishedTo(String recipient);

    String ERASED =
            "recipient = '', from_name = '', reply_to = NULL, subject = '', text_body = '', html_body = '',"
                    + " headers = ''";

    @Query(
            value = "SELECT COUNT(*) FROM outbox_message WHERE status IN ('PENDING', 'SENDING')",
            nativeQuery = true)
    long countQueued();

    /** Creation time (UTC text) of the oldest mail not yet sent, or null. */
    @Query(
            value =
                    "SELECT MIN(created_at) FROM outbox_message WHERE status IN ('PENDING', 'SENDING')",
            nativeQuery = true)
    @Nullable
    String oldestQueued();

    @Query(
            value = "SELECT * FROM outbox_message ORDER BY created_at DESC, id DESC LIMIT :limit",
            nativeQuery = true)
    List<OutboxMessage> newest(int limit);
}
