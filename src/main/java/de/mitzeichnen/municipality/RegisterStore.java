package de.mitzeichnen.municipality;

import de.mitzeichnen.db.Sql;
import de.mitzeichnen.municipality.RegisterRows.KreisRow;
import de.mitzeichnen.municipality.RegisterRows.LandRow;
import de.mitzeichnen.municipality.RegisterRows.MunicipalityRow;
import de.mitzeichnen.municipality.RegisterRows.VerbandRow;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for the register tables. The import writes ten thousand rows at a time, so it uses multi-row
 * INSERTs and batched UPDATEs on the transaction's connection instead of entity repositories (one
 * statement per row would take seconds; these take a fraction of one, whatever the driver's batch
 * settings).
 */
@Singleton
class RegisterStore {

    private static final int ROWS_PER_INSERT = 500;

    private final ConnectionOperations<Connection> connections;

    RegisterStore(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    long countMunicipalities() {
        return connections.executeRead(
                status ->
                        Sql.first(
                                        status.getConnection(),
                                        "SELECT COUNT(*) FROM municipality",
                                        rs -> rs.getLong(1))
                                .orElseThrow());
    }

    /**
     * Identifies the register's state: changes with every written import (also by another
     * instance).
     */
    String version() {
        return connections.executeRead(
                status ->
                        Sql.first(
                                        status.getConnection(),
                                        "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM municipality_import",
                                        rs -> rs.getLong(1) + "/" + rs.getLong(2))
                                .orElseThrow());
    }

    /**
     * Every municipality (active or not) with the names of its Land and Kreis, for the in-memory
     * index.
     */
    List<Municipality> loadAll() {
        String sql =
                "SELECT m.ags, m.ars, m.name, m.display_name, m.type_code, m.type_label, m.land_code, l.name,"
                        + " m.kreis_ags, k.display_name, m.verband_name, m.population, m.postal_code, m.gebietsstand,"
                        + " m.active, m.lat, m.lon"
                        + " FROM municipality m JOIN land l ON l.code = m.land_code JOIN kreis k ON k.ags = m.kreis_ags";
        return connections.executeRead(
                status -> {
                    List<Municipality> all = new ArrayList<>(12_000);
                    try (PreparedStatement ps = status.getConnection().prepareStatement(sql);
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            all.add(
                                    new Municipality(
                                            rs.getString(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getString(4),
                                            rs.getString(5),
                                            rs.getString(6),
                                            rs.getString(7),
                                            rs.getString(8),
                                            rs.getString(9),
                                            rs.getString(10),
                                            rs.getString(11),
                                            rs.getInt(12),
                                            rs.getString(13),
                                            rs.getObject(14, LocalDate.class),
                                            rs.getBoolean(15),
                                            nullableDouble(rs, 16),
                                            nullableDouble(rs, 17)));
                        }
                    } catch (SQLException e) {
                        throw new DataAccessException(
                                "Loading the municipality register failed: " + e.getMessage(), e);
                    }
                    return all;
                });
    }

    /** Waits for and holds the named lock row until the transaction ends. */
    void lock(Connection c, String name) {
        if (Sql.first(
                        c,
                        "SELECT name FROM register_lock WHERE name = ? FOR UPDATE",
                        rs -> rs.getString(1),
                        name)
                .isEmpty()) {
            throw new DataAccessException("lock row " + name + " is missing");
        }
    }

    Map<String, LandRow> lands(Connection c) throws SQLException {
        Map<String, LandRow> out = new LinkedHashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT code, name, seat, population, gebietsstand FROM land");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        new LandRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getObject(5, LocalDate.class)));
            }
        }
        return out;
    }

    /**
     * The Kreise that sign as districts (not the kreisfreie Städte), with their Land and active
     * municipalities.
     */
    List<District> loadDistricts(List<Municipality> municipalities) {
        Map<String, List<String>> members = new HashMap<>();
        for (Municipality m : municipalities) {
            if (m.active()) {
                members.computeIfAbsent(m.kreisAgs(), k -> new ArrayList<>()).add(m.ags());
            }
        }
        String sql =
                "SELECT k.ags, k.name, k.display_name, k.type_code, k.type_label, k.land_code, l.name,"
                        + " k.population, k.active FROM kreis k JOIN land l ON l.code = k.land_code";
        return connections.executeRead(
                status -> {
                    List<District> out = new ArrayList<>(400);
                    try (PreparedStatement ps = status.getConnection().prepareStatement(sql);
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (District.SIGNING_TYPES.contains(rs.getString(4))) {
                                out.add(
                                        new District(
                                                rs.getString(1),
                                                rs.getString(2),
                                                rs.getString(3),
                                                rs.getString(4),
                                                rs.getString(5),
                                                rs.getString(6),
                                                rs.getString(7),
                                                rs.getInt(8),
                                                rs.getBoolean(9),
                                                List.copyOf(
                                                        members.getOrDefault(
                                                                rs.getString(1), List.of()))));
                            }
                        }
                    } catch (SQLException e) {
                        throw new DataAccessException(
                                "Loading the Kreise failed: " + e.getMessage(), e);
                    }
                    return out;
                });
    }

    Map<String, KreisRow> kreise(Connection c) throws SQLException {
        Map<String, KreisRow> out = new LinkedHashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT ags, name, display_name, type_code, type_label,"
                                        + " land_code, seat, population, gebietsstand, active, retired_gebietsstand FROM kreis");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        new KreisRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getInt(8),
                                rs.getObject(9, LocalDate.class),
                                rs.getBoolean(10),
                                rs.getObject(11, LocalDate.class)));
            }
        }
        return out;
    }

    Map<String, VerbandRow> verbaende(Connection c) throws SQLException {
        Map<String, VerbandRow> out = new LinkedHashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT ars, name, type_code, type_label, land_code, kreis_ags,"
                                        + " gebietsstand, active, retired_gebietsstand FROM gemeindeverband");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        new VerbandRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getObject(7, LocalDate.class),
                                rs.getBoolean(8),
                                rs.getObject(9, LocalDate.class)));
            }
        }
        return out;
    }

    Map<String, MunicipalityRow> municipalities(Connection c) throws SQLException {
        Map<String, MunicipalityRow> out = new LinkedHashMap<>(16_000);
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT ags, ars, name, display_name, type_code, type_label,"
                                        + " land_code, kreis_ags, verband_ars, verband_name, population, postal_code, area_km2, gebietsstand,"
                                        + " active, retired_gebietsstand, lat, lon, search_key FROM municipality");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        new MunicipalityRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10),
                                rs.getInt(11),
                                rs.getString(12),
                                rs.getObject(13, BigDecimal.class),
                                rs.getObject(14, LocalDate.class),
                                rs.getBoolean(15),
                                rs.getObject(16, LocalDate.class),
                                nullableDouble(rs, 17),
                                nullableDouble(rs, 18),
                                rs.getString(19)));
            }
        }
        return out;
    }

    void insertLands(Connection c, Collection<LandRow> rows, Instant now) throws SQLException {
        insert(
                c,
                "land",
                "code, name, seat, population, gebietsstand, created_at, updated_at",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.code(),
                                            r.name(),
                                            r.seat(),
                                            r.population(),
                                            r.gebietsstand(),
                                            now,
                                            now
                                        })
                        .toList());
    }

    void updateLands(Connection c, Collection<LandRow> rows, Instant now) throws SQLException {
        update(
                c,
                "UPDATE land SET name = ?, seat = ?, population = ?, gebietsstand = ?, updated_at = ? WHERE code = ?",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.name(),
                                            r.seat(),
                                            r.population(),
                                            r.gebietsstand(),
                                            now,
                                            r.code()
                                        })
                        .toList());
    }

    void insertKreise(Connection c, Collection<KreisRow> rows, Instant now) throws SQLException {
        insert(
                c,
                "kreis",
                "ags, name, display_name, type_code, type_label, land_code, seat, population, gebietsstand,"
                        + " active, retired_gebietsstand, created_at, updated_at",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.ags(),
                                            r.name(),
                                            r.displayName(),
                                            r.typeCode(),
                                            r.typeLabel(),
                                            r.landCode(),
                                            r.seat(),
                                            r.population(),
                                            r.gebietsstand(),
                                            r.active(),
                                            r.retiredGebietsstand(),
                                            now,
                                            now
                                        })
                        .toList());
    }

    void updateKreise(Connection c, Collection<KreisRow> rows, Instant now) throws SQLException {
        update(
                c,
                "UPDATE kreis SET name = ?, display_name = ?, type_code = ?, type_label = ?, land_code = ?, seat = ?,"
                        + " population = ?, gebietsstand = ?, active = ?, retired_gebietsstand = ?, updated_at = ?"
                        + " WHERE ags = ?",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.name(),
                                            r.displayName(),
                                            r.typeCode(),
                                            r.typeLabel(),
                                            r.landCode(),
                                            r.seat(),
                                            r.population(),
                                            r.gebietsstand(),
                                            r.active(),
                                            r.retiredGebietsstand(),
                                            now,
                                            r.ags()
                                        })
                        .toList());
    }

    void insertVerbaende(Connection c, Collection<VerbandRow> rows, Instant now)
            throws SQLException {
        insert(
                c,
                "gemeindeverband",
                "ars, name, type_code, type_label, land_code, kreis_ags, gebietsstand, active,"
                        + " retired_gebietsstand, created_at, updated_at",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.ars(),
                                            r.name(),
                                            r.typeCode(),
                                            r.typeLabel(),
                                            r.landCode(),
                                            r.kreisAgs(),
                                            r.gebietsstand(),
                                            r.active(),
                                            r.retiredGebietsstand(),
                                            now,
                                            now
                                        })
                        .toList());
    }

    void updateVerbaende(Connection c, Collection<VerbandRow> rows, Instant now)
            throws SQLException {
        update(
                c,
                "UPDATE gemeindeverband SET name = ?, type_code = ?, type_label = ?, land_code = ?, kreis_ags = ?,"
                        + " gebietsstand = ?, active = ?, retired_gebietsstand = ?, updated_at = ? WHERE ars = ?",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.name(),
                                            r.typeCode(),
                                            r.typeLabel(),
                                            r.landCode(),
                                            r.kreisAgs(),
                                            r.gebietsstand(),
                                            r.active(),
                                            r.retiredGebietsstand(),
                                            now,
                                            r.ars()
                                        })
                        .toList());
    }

    void insertMunicipalities(Connection c, Collection<MunicipalityRow> rows, Instant now)
            throws SQLException {
        insert(
                c,
                "municipality",
                "ags, ars, name, display_name, type_code, type_label, land_code, kreis_ags,"
                        + " verband_ars, verband_name, population, postal_code, area_km2, gebietsstand, active,"
                        + " retired_gebietsstand, lat, lon, search_key, created_at, updated_at",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.ags(),
                                            r.ars(),
                                            r.name(),
                                            r.displayName(),
                                            r.typeCode(),
                                            r.typeLabel(),
                                            r.landCode(),
                                            r.kreisAgs(),
                                            r.verbandArs(),
                                            r.verbandName(),
                                            r.population(),
                                            r.postalCode(),
                                            r.areaKm2(),
                                            r.gebietsstand(),
                                            r.active(),
                                            r.retiredGebietsstand(),
                                            r.lat(),
                                            r.lon(),
                                            r.searchKey(),
                                            now,
                                            now
                                        })
                        .toList());
    }

    void updateMunicipalities(Connection c, Collection<MunicipalityRow> rows, Instant now)
            throws SQLException {
        update(
                c,
                "UPDATE municipality SET ars = ?, name = ?, display_name = ?, type_code = ?, type_label = ?,"
                        + " land_code = ?, kreis_ags = ?, verband_ars = ?, verband_name = ?, population = ?,"
                        + " postal_code = ?, area_km2 = ?, gebietsstand = ?, active = ?, retired_gebietsstand = ?,"
                        + " lat = ?, lon = ?, search_key = ?, updated_at = ? WHERE ags = ?",
                rows.stream()
                        .map(
                                r ->
                                        new Object[] {
                                            r.ars(),
                                            r.name(),
                                            r.displayName(),
                                            r.typeCode(),
                                            r.typeLabel(),
                                            r.landCode(),
                                            r.kreisAgs(),
                                            r.verbandArs(),
                                            r.verbandName(),
                                            r.population(),
                                            r.postalCode(),
                                            r.areaKm2(),
                                            r.gebietsstand(),
                                            r.active(),
                                            r.retiredGebietsstand(),
                                            r.lat(),
                                            r.lon(),
                                            r.searchKey(),
                                            now,
                                            r.ags()
                                        })
                        .toList());
    }

    /** Moves the Gebietsstand of rows the file confirmed unchanged, in one statement per table. */
    void confirmGebietsstand(
            Connection c,
            String table,
            String keyColumn,
            Collection<String> keys,
            LocalDate gebietsstand)
            throws SQLException {
        List<String> list = new ArrayList<>(keys);
        for (int from = 0; from < list.size(); from += ROWS_PER_INSERT) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + ROWS_PER_INSERT));
            String sql =
                    "UPDATE "
                            + table
                            + " SET gebietsstand = ? WHERE gebietsstand <> ? AND "
                            + keyColumn
                            + " IN ("
                            + "?,".repeat(chunk.size() - 1)
                            + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, gebietsstand);
                ps.setObject(2, gebietsstand);
                for (int i = 0; i < chunk.size(); i++) {
                    Sql.bind(ps, i + 3, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    void logImport(
            Connection c,
            String source,
            LocalDate gebietsstand,
            int added,
            int updated,
            int retired,
            int reactivated,
            int unchanged,
            Instant now)
            throws SQLException {
        insert(
                c,
                "municipality_import",
                "source, gebietsstand, added, updated, retired, reactivated, unchanged, imported_at",
                List.<Object[]>of(
                        new Object[] {
                            source.length() > 300 ? source.substring(0, 300) : source,
                            gebietsstand,
                            added,
                            updated,
                            retired,
                            reactivated,
                            unchanged,
                            now
                        }));
    }

    private static void insert(Connection c, String table, String columns, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.get(0).length;
        String tuple = "(" + "?,".repeat(width - 1) + "?)";
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk =
                    rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            String sql =
                    "INSERT INTO "
                            + table
                            + " ("
                            + columns
                            + ") VALUES "
                            + String.join(",", Collections.nCopies(chunk.size(), tuple));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        Sql.bind(ps, i++, value);
                    }
                }
                ps.executeUpdate();
            }
        }
    }

    private static void update(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Sql.bind(ps, i + 1, row[i]);
                }
                ps.addBatch();
                if (++pending == ROWS_PER_INSERT) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
