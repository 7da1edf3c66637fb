package de.mitzeichnen.db;

import java.sql.SQLException;

/** What the code needs to know about SQL errors, in one place (MySQL and MariaDB report the same codes). */
public final class Sql {

    private static final int DUPLICATE_KEY = 1062;

    private Sql() {
    }

    /** Whether {@code e} (or one of its causes) is a unique-key violation. */
    public static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
