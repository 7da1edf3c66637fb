package de.mitzeichnen.mail;

import de.mitzeichnen.db.Sql;
import de.mitzeichnen.scheduling.ScheduledJobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. A dispatcher claims a batch of due rows in a short transaction ({@code FOR
 * UPDATE SKIP LOCKED}, so any number of dispatchers in any number of instances never take the same
 * row), marks them SENDING, sends them outside the transaction and then marks each SENT, FAILED, or
 * PENDING again with a later attempt. Transient trouble (server unreachable, timeouts, 4xx) is
 * retried with exponential backoff until {@link MailConfig#getGiveUpAfter()} after the mail was
 * written; a permanent 5xx rejection fails at once. Runs every poll interval and right after a
 * transaction that enqueued mail has committed.
 */
@Singleton
public class MailDispatcher implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY_INTERVAL = Duration.ofHours(1);

    /** Upper bound of batches per run, so one run cannot go on for ever while mail keeps coming. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    private static final int MAX_ERROR_LENGTH = 2000;

    /**
     * 5xx replies that mean our own configuration is wrong (authentication), not that this mail is
     * bad.
     */
    private static final Set<Integer> CONFIGURATION_CODES = Set.of(530, 534, 535, 538);

    private final OutboxRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final SmtpTransport smtp;
    private final MailConfig config;
    private final Clock clock;
    private final ScheduledJobs jobs;
    private final Counter sentCounter;
    private final Counter failedCounter;
    private final Counter retriedCounter;
    private final TransactionDefinition claimTransaction = claimTransaction();
    private final List<DeliveryGuard> guards;

    /**
     * Runs after commits go on this many threads: one SMTP conversation at a time delivered about
     * 110 mails/s while signing ran at full rate, fewer than the submissions. Each run claims its
     * own rows (SKIP LOCKED), so they never send the same mail.
     */
    static final int DISPATCH_THREADS = 3;

    private final ExecutorService wakeExecutor =
            Executors.newFixedThreadPool(
                    DISPATCH_THREADS,
                    r -> {
                        Thread t = new Thread(r, "mail-dispatch");
                        t.setDaemon(true);
                        return t;
                    });

    /** Runs asked for and not yet started; at most one per thread is worth having. */
    private final AtomicInteger wakesQueued = new AtomicInteger();

    MailDispatcher(
            OutboxRepository repository,
            TransactionOperations<Connection> transactions,
            SmtpTransport smtp,
            MailConfig config,
            Clock clock,
            ScheduledJobs jobs,
            MeterRegistry meters,
            List<DeliveryGuard> guards) {
        this.guards = guards;
        this.jobs = jobs;
        this.sentCounter =
                Counter.builder("mitzeichnen.mail.sent")
                        .description("mails delivered")
                        .register(meters);
        this.failedCounter =
                Counter.builder("mitzeichnen.mail.failed")
                        .description("mails given up")
                        .register(meters);
        this.retriedCounter =
                Counter.builder("mitzeichnen.mail.retried")
                        .description("delivery attempts to repeat")
                        .register(meters);
        this.repository = repository;
        this.transactions = transactions;
        this.smtp = smtp;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (config.devMailbox()) {
            LOG.warn(
                    "No SMTP host configured (MITZEICHNEN_SMTP_HOST): mails are not sent but kept in the dev "
                            + "mailbox at /dev/mails");
        } else {
            LOG.info(
                    "Mail goes to {}:{} ({}) from {}",
                    config.getSmtpHost(),
                    config.getSmtpPort(),
                    config.getSmtpSecurity(),
                    config.getFrom());
        }
    }

    /**
     * Sends everything that is due now and returns how many mails were handled (sent, retried later
     * or failed).
     */
    public int dispatchDue() {
        int handled = 0;
        // one SMTP connection for the whole run: connecting and EHLO per batch halved the rate
        SmtpSession smtpSession = new SmtpSession();
        try {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                List<OutboxMessage> batch = claim();
                if (batch.isEmpty()) {
                    break;
                }
                handled += deliver(batch, smtpSession);
            }
        } finally {
            smtpSession.close();
        }
        return handled;
    }

    /** The SMTP connection of one run, opened when the first mail needs it. */
    private static final class SmtpSession {
        Transport transport;

        void close() {
            MailDispatcher.close(transport);
            transport = null;
        }
    }

    @Scheduled(
            fixedDelay = "${mitzeichnen.mail.poll-interval:5s}",
            initialDelay = "${mitzeichnen.mail.poll-interval:5s}")
    void poll() {
        runSafely();
    }

    /**
     * Takes up mails of dispatchers that died; one instance per period does it (see {@link
     * ScheduledJobs}).
     */
    @Scheduled(
            fixedDelay = "${mitzeichnen.mail.reclaim-interval:10s}",
            initialDelay = "${mitzeichnen.mail.reclaim-interval:10s}")
    void reclaimJob() {
        try {
            jobs.runIfDue("outbox-reclaim", config.getReclaimInterval(), this::reclaimStale);
        } catch (RuntimeException e) {
            LOG.error("Outbox reclaim failed", e);
        }
    }

    /**
     * Dispatches soon on a background thread; wakes arriving during a run cause one more run, never
     * a lost mail.
     */
    void wake() {
        int queued;
        do {
            queued = wakesQueued.get();
            if (queued >= DISPATCH_THREADS) {
                return;
            }
        } while (!wakesQueued.compareAndSet(queued, queued + 1));
        try {
            wakeExecutor.execute(
                    () -> {
                        wakesQueued.decrementAndGet();
                        runSafely();
                    });
        } catch (RejectedExecutionException shuttingDown) {
            wakesQueued.decrementAndGet();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        wakeExecutor.shutdown();
        wakeExecutor.awaitTermination(config.getTimeout().toSeconds() * 2 + 5, TimeUnit.SECONDS);
    }

    private void runSafely() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            // e.g. the database is briefly unreachable: the next run tries again, nothing is lost
            LOG.error("Mail dispatch run failed", e);
        }
    }

    /**
     * Mails claimed longer ago than {@link MailConfig#getReclaimAfter()} are due again (or given
     * up).
     */
    public int reclaimStale() {
        Instant now = now();
        String staleBefore = Sql.utc(now.minus(config.getReclaimAfter()));
        List<Long> stale = repository.findStale(staleBefore);
        if (stale.isEmpty()) {
            return 0;
        }
        int reclaimed =
                repository.reclaimStale(
                        stale,
                        staleBefore,
                        Sql.utc(now.minus(config.getGiveUpAfter())),
                        Sql.utc(now));
        if (reclaimed > 0) {
            LOG.warn("Took up {} mail(s) again whose sending was interrupted", reclaimed);
            if (config.isEraseSent()) {
                repository.eraseFailed();
            }
        }
        return reclaimed;
    }

    private List<OutboxMessage> claim() {
        return transactions.execute(
                claimTransaction,
                status -> {
                    Instant now = now();
                    List<OutboxMessage> due =
                            repository.lockDue(Sql.utc(now), config.getBatchSize());
                    if (due.isEmpty()) {
                        return List.of();
                    }
                    repository.markSending(
                            due.stream().map(OutboxMessage::id).toList(), Sql.utc(now));
                    return due.stream().map(m -> claimed(m, now)).toList();
                });
    }

    /**
     * Own, short and READ COMMITTED: the lock is held only while marking, and no gap locks hold up
     * enqueuers.
     */
    private static TransactionDefinition claimTransaction() {
        DefaultTransactionDefinition d =
                new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);
        d.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        d.setName("mail-claim");
        return d;
    }

    private static OutboxMessage claimed(OutboxMessage m, Instant now) {
        return new OutboxMessage(
                m.id(),
                m.recipient(),
                m.fromName(),
                m.replyTo(),
                m.subject(),
                m.textBody(),
                m.htmlBody(),
                m.headers(),
                m.kind(),
                OutboxStatus.SENDING,
                m.attempts(),
                m.nextAttemptAt(),
                m.lastError(),
                m.createdAt(),
                m.sentAt(),
                now,
                m.messageId(),
                m.version() + 1);
    }

    private int deliver(List<OutboxMessage> batch, SmtpSession connection) {
        if (config.devMailbox()) {
            for (OutboxMessage m : batch) {
                String withheld = withheld(m);
                if (withheld != null) {
                    failed(m, withheld);
                    continue;
                }
                sent(m);
                LOG.info(
                        "Mail {} ({}) kept in the dev mailbox: /dev/mails/{}",
                        m.id(),
                        m.kind(),
                        m.id());
            }
            return batch.size();
        }
        long started = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            OutboxMessage m = batch.get(i);
            if (System.nanoTime() - started > config.getReclaimAfter().toNanos() / 2) {
                // a slow server: give back the rest before the reclaim would take it from us
                // (and send twice)
                for (OutboxMessage rest : batch.subList(i, batch.size())) {
                    repository.release(rest.id(), rest.version(), Sql.utc(now()));
                }
                return i;
            }
            String withheld = withheld(m);
            if (withheld != null) {
                failed(m, withheld);
                continue;
            }
            MimeMessage mime;
            try {
                mime = smtp.build(m, now());
            } catch (MessagingException | RuntimeException e) {
                failed(m, "Could not build the message: " + describe(e));
                continue;
            }
            if (connection.transport == null || !connection.transport.isConnected()) {
                connection.close();
                try {
                    connection.transport = smtp.connect();
                } catch (MessagingException e) {
                    // The server is not there (or refuses us): every remaining mail of the
                    // batch waits.
                    String error = "SMTP connection failed: " + describe(e);
                    LOG.warn(
                            "Cannot reach the SMTP server {}:{}: {}",
                            config.getSmtpHost(),
                            config.getSmtpPort(),
                            describe(e));
                    for (OutboxMessage rest : batch.subList(i, batch.size())) {
                        retryOrGiveUp(rest, error);
                    }
                    return batch.size();
                }
            }
            try {
                smtp.send(connection.transport, mime);
                sent(m);
            } catch (MessagingException e) {
                if (permanent(e)) {
                    failed(m, "Rejected by the SMTP server: " + describe(e));
                } else {
                    retryOrGiveUp(m, "Sending failed: " + describe(e));
                }
                // Start the next mail on a fresh connection: the failed one may be in any
                // state.
                connection.close();
            }
        }
        return batch.size();
    }

    /** The reason a guard gives for not sending the mail after all, or null. */
    private String withheld(OutboxMessage m) {
        if (guards.isEmpty()) {
            return null;
        }
        java.util.Map<String, String> headers = MailHeaders.parse(m.headers());
        for (DeliveryGuard guard : guards) {
            String reason = guard.withhold(m.recipient(), headers);
            if (reason != null) {
                return "Withheld: " + reason;
            }
        }
        return null;
    }

    private void sent(OutboxMessage m) {
        String now = Sql.utc(now());
        int marked = markSent(m, now);
        if (marked == 0) {
            LOG.warn(
                    "Mail {} was sent, but another dispatcher had taken it over meanwhile", m.id());
        }
        sentCounter.increment();
    }

    /**
     * The mail is out: recording that is worth a few tries. Under full load the pool was once
     * exhausted for over a second; giving up then left the row SENDING, and the reclaim sent it a
     * second time.
     */
    private int markSent(OutboxMessage m, String now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return config.isEraseSent()
                        ? repository.markSentErased(m.id(), m.version(), now)
                        : repository.markSent(m.id(), m.version(), now);
            } catch (RuntimeException e) {
                if (attempt >= MARK_SENT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn(
                        "Mail {} was sent but not yet marked (attempt {}): {}",
                        m.id(),
                        attempt,
                        e.getMessage());
                try {
                    Thread.sleep(MARK_SENT_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static final int MARK_SENT_ATTEMPTS = 4;
    private static final Duration MARK_SENT_PAUSE = Duration.ofMillis(500);

    private void failed(OutboxMessage m, String error) {
        LOG.warn("Mail {} ({}) failed for good: {}", m.id(), m.kind(), withoutAddresses(error));
        repository.markFailed(m.id(), m.version(), truncate(withoutAddresses(error)));
        failedCounter.increment();
        erase(m);
    }

    /**
     * A sent or given-up mail keeps only its kind, status, times and Message-ID: recipient, subject
     * and bodies (with their one-time links) are erased at once. Not in development, where the dev
     * mailbox shows them.
     */
    private void erase(OutboxMessage m) {
        if (config.isEraseSent()) {
            repository.erase(m.id());
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

    /** SMTP answers often quote the recipient; the error kept in the table must not. */
    static String withoutAddresses(String error) {
        return ADDRESS.matcher(error).replaceAll("<address>");
    }

    private void retryOrGiveUp(OutboxMessage m, String error) {
        Instant now = now();
        Instant giveUpAt = m.createdAt().plus(config.getGiveUpAfter());
        if (!now.isBefore(giveUpAt)) {
            failed(
                    m,
                    "Not delivered within "
                            + config.getGiveUpAfter().toHours()
                            + " h; last error: "
                            + error);
            return;
        }
        Instant next = now.plus(backoff(m.attempts() + 1));
        if (next.isAfter(giveUpAt)) {
            next = giveUpAt; // one last attempt when the retry period ends
        }
        LOG.info(
                "Mail {} ({}) not sent on attempt {}, next attempt at {}: {}",
                m.id(),
                m.kind(),
                m.attempts() + 1,
                next,
                withoutAddresses(error));
        repository.markRetry(m.id(), m.version(), Sql.utc(next), truncate(withoutAddresses(error)));
        retriedCounter.increment();
    }

    /**
     * 30 s after the first failed attempt, then doubling: 1 min, 2 min, 4 min … at most one hour
     * apart.
     */
    static Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 20);
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_RETRY_INTERVAL) > 0 ? MAX_RETRY_INTERVAL : d;
    }

    /**
     * A 5xx reply about this mail (unknown recipient, content refused) will not change by trying
     * again. 5xx replies to MAIL FROM or to authentication mean our configuration is wrong: those
     * are retried, so fixing the configuration within the retry period still delivers the mail.
     */
    static boolean permanent(Exception e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPSendFailedException s
                    && s.getReturnCode() >= 500
                    && !CONFIGURATION_CODES.contains(s.getReturnCode())
                    && !(s.getCommand() != null
                            && s.getCommand().toUpperCase(Locale.ROOT).startsWith("MAIL"))) {
                return true;
            }
            t =
                    t instanceof MessagingException m && m.getNextException() != null
                            ? m.getNextException()
                            : t.getCause();
        }
        return false;
    }

    /**
     * The exception and its nested ones in one line, e.g. "SendFailedException: Invalid Addresses;
     * 550 …".
     */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 6; depth++) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage().replaceAll("\\s+", " ").trim());
            }
            Throwable next =
                    t instanceof MessagingException m && m.getNextException() != null
                            ? m.getNextException()
                            : t.getCause();
            t = next == t ? null : next;
        }
        return out.toString();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the connection is gone either way
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
