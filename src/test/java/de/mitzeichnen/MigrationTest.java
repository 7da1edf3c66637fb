package de.mitzeichnen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class MigrationTest {

    @Inject Db db;
    @Inject Fixtures fixtures;
    @Inject Appeals appeals;

    @Test
    void flywayCreatedTheSchemaWithUtf8mb4UnicodeCollation() throws Exception {
        List<Map<String, Object>> tables =
                db.rows(
                        "SELECT table_name AS t, table_collation AS c"
                                + " FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
                                + " AND table_name <> 'flyway_schema_history'");
        assertTrue(tables.size() >= 2, "tables: " + tables);
        tables.forEach(
                t -> assertEquals("utf8mb4_unicode_ci", t.get("c"), "collation of " + t.get("t")));
        assertTrue(db.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0") == 0);
        assertTrue(db.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1") >= 1);
    }

    @Test
    void instantsRoundTripWithMicrosecondsInUtcAndTextWithAllOfUnicode() {
        Instant deadline = Instant.parse("2026-03-29T00:59:59.123456Z");
        Appeal saved =
                fixtures.appeal(
                        "Städte 🏙 für alle – „Zürich“",
                        AppealStatus.OPEN,
                        Instant.parse("2026-03-01T08:00:00.000001Z"),
                        deadline);
        Appeal read = appeals.byId(saved.id()).orElseThrow();
        assertEquals(deadline, read.deadline());
        assertEquals(Instant.parse("2026-03-01T08:00:00.000001Z"), read.opensAt());
        assertEquals("Städte 🏙 für alle – „Zürich“", read.title());
        assertEquals(saved.allowedRoles(), read.allowedRoles());
    }

    @Test
    void theSessionRunsInUtc() throws Exception {
        assertEquals(0, db.count("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())"));
    }
}
