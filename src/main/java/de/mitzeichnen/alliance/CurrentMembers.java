package de.mitzeichnen.alliance;

import de.mitzeichnen.db.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The places that are members of an alliance on a day, and nothing else of them: what „N von M" and
 * the „Mitglied" marks read on every render of a public page. Mapping whole memberships (dates,
 * basis, evidence) cost ten times the query at 1,000 members.
 */
@Singleton
@Connectable
class CurrentMembers {

    private final JdbcOperations jdbc;

    CurrentMembers(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Set<MemberPlace> on(long allianceId, LocalDate day) {
        Set<MemberPlace> out = new LinkedHashSet<>();
        Sql.list(
                        jdbc.getConnection(),
                        "SELECT municipality_ags, district_ags, foreign_municipality_id FROM alliance_member"
                                + " WHERE alliance_id = ? AND joined_on <= ? AND (left_on IS NULL OR left_on > ?)"
                                + " ORDER BY joined_on, id",
                        rs -> {
                            String ags = rs.getString(1);
                            String district = rs.getString(2);
                            return ags != null
                                    ? MemberPlace.municipality(ags)
                                    : district != null
                                            ? MemberPlace.district(district)
                                            : MemberPlace.foreign(rs.getLong(3));
                        },
                        allianceId,
                        day,
                        day)
                .forEach(out::add);
        return out;
    }
}
