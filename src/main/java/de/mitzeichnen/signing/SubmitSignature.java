package de.mitzeichnen.signing;

import de.mitzeichnen.appeal.Appeal;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes a valid sign request. Whatever the state of the address — new, pending, confirmed — the caller shows
 * the same answer; what differs is only the mail that goes out (see {@link SubmitTransaction}).
 */
@Singleton
class SubmitSignature {

    private static final int ATTEMPTS = 5;

    private final SubmitTransaction transaction;

    SubmitSignature(SubmitTransaction transaction) {
        this.transaction = transaction;
    }

    /** Returns the confirmation token when signing through an invitation (see {@link SubmitTransaction#submit}). */
    Optional<String> submit(Appeal appeal, SignatureRequest request, Locale locale, String ipHash,
                            boolean invited) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.submit(appeal, request, locale, ipHash, invited);
            } catch (DataAccessException e) {
                // Concurrent submissions of one address meet at the unique index (or deadlock on its gap lock);
                // the next attempt finds the row that won and treats this one as a repeat.
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    SignTarget.Resolved resolve(SignTarget target) {
        return transaction.resolve(target);
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1062 || sql.getErrorCode() == 1213
                    || sql.getErrorCode() == 1205 || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
