package de.mitzeichnen.signing;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a transaction again when it lost a race for a lock: a deadlock, a lock wait timeout, or the
 * unique index meeting a concurrent insert of the same key. The next attempt sees the winner's row,
 * so the person gets the page they would have got a moment later, never a 500.
 */
final class Conflicts {

    private static final int ATTEMPTS = 5;

    private Conflicts() {}

    static <T> T retried(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == 1062
                            || sql.getErrorCode() == 1213
                            || sql.getErrorCode() == 1205
                            || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
