package de.mitzeichnen.db;

import io.micronaut.data.exceptions.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one way to run SQL where a repository does not fit, on whatever connection the caller holds
 * ({@code JdbcOperations.getConnection()}, a transaction's connection, a pooled one): binding and
 * reading instants as UTC text, generated keys, and what the code needs to know about SQL errors
 * (MySQL and MariaDB report the same codes). Failures surface as {@link DataAccessException}, as
 * from the repositories.
 *
 * <p>Instants are bound as UTC text with microseconds because Connector/J truncates bound
 * timestamps to whole seconds on MariaDB 10.x (which announces itself as "5.5.5-…"); text is taken
 * exactly by MySQL 8 and MariaDB.
 */
public final class Sql {

    private static final int DUPLICATE_KEY = 1062;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";

    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter READ =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {}

    /** {@code instant} as the UTC text a DATETIME(6) column takes exactly; null stays null. */
    public static String utc(Instant instant) {
        return instant == null
                ? null
                : WRITE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The instant of a DATETIME(6) value read as text in UTC; null stays null. */
    public static Instant instant(String utc) {
        return utc == null ? null : LocalDateTime.parse(utc, READ).toInstant(ZoneOffset.UTC);
    }

    /** The instant in column {@code column} of the current row (null when the column is NULL). */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getString(column));
    }

    /** The instant in column {@code index} of the current row (null when the column is NULL). */
    public static Instant instant(ResultSet rs, int index) throws SQLException {
        return instant(rs.getString(index));
    }

    /** Binds {@code params} to the placeholders in order; instants as UTC text. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bind(ps, i + 1, params[i]);
        }
    }

    /**
     * Binds one parameter; an instant as UTC text, a date as ISO text, anything else as JDBC takes
     * it.
     */
    public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            ps.setString(index, utc(instant));
        } else if (value instanceof LocalDate date) {
            // As text: a java.sql.Date would be shifted by the JVM's time zone on the way.
            ps.setString(index, date.toString());
        } else {
            ps.setObject(index, value);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public static int update(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs an INSERT of one row and returns the key the database generated for it. */
    public static long insert(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new DataAccessException("No generated key: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** All rows of a query, each mapped by {@code row}. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /**
     * The first row of a query, mapped by {@code row}; empty when there is none (or it maps to
     * null).
     */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Whether {@code e} (or one of its causes) is a unique-key violation. */
    public static boolean isDuplicateKey(Throwable e) {
        return sqlCause(e, DUPLICATE_KEY, null);
    }

    /**
     * Whether {@code e} (or one of its causes) is a deadlock, a lock wait timeout or a
     * serialization failure: the transaction was rolled back because of a concurrent one and may
     * simply be retried or reported as a conflict.
     */
    public static boolean isDeadlock(Throwable e) {
        return sqlCause(e, DEADLOCK, SERIALIZATION_FAILURE) || sqlCause(e, LOCK_WAIT_TIMEOUT, null);
    }

    private static boolean sqlCause(Throwable e, int code, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == code
                            || state != null && state.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static DataAccessException failed(String sql, SQLException e) {
        return new DataAccessException("SQL failed: " + e.getMessage(), e);
    }
}
