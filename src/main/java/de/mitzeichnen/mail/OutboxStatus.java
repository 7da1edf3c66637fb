package de.mitzeichnen.mail;

/** Where a mail of the outbox stands. */
public enum OutboxStatus {
    /** Waiting to be sent, at or after {@code next_attempt_at}. */
    PENDING,
    /** Claimed by one dispatcher, which is sending it now. */
    SENDING,
    /** Accepted by the SMTP server (or, without one, kept in the dev mailbox). */
    SENT,
    /**
     * Rejected permanently or not deliverable within the retry window; {@code last_error} says why.
     */
    FAILED
}
