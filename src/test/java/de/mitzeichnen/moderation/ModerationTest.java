package de.mitzeichnen.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.signing.SignatureFilter;
import de.mitzeichnen.signing.SignatureSearch;
import de.mitzeichnen.testsupport.Db;
import de.mitzeichnen.testsupport.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ModerationTest {

    @Inject Moderation moderation;
    @Inject Fixtures fixtures;
    @Inject Db db;

    Appeal appeal;

    @BeforeEach
    void setUp() {
        appeal =
                fixtures.appeal(
                        "Moderation",
                        AppealStatus.OPEN,
                        Instant.parse("2025-11-01T00:00:00Z"),
                        Instant.parse("2025-12-03T22:59:59Z"));
    }

    long insert(String ags, String name, String status, String trust, String flag) {
        String email =
                name.toLowerCase().replace(' ', '.')
                        + "-"
                        + UUID.randomUUID().toString().substring(0, 6)
                        + "@x.example";
        db.update(
                """
                INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                  privacy_version, privacy_consent_at, language, appeal_text_hash, trust, trust_flag, mails_sent,
                  submitted_at, confirmed_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'MAYOR', ?, true, 'v1', NOW(6), 'de', ?, ?, ?, 1, NOW(6),
                  CASE WHEN ? = 'CONFIRMED' THEN NOW(6) END, NOW(6), NOW(6))""",
                appeal.id(),
                status,
                email,
                email,
                name,
                ags,
                "b".repeat(64),
                trust,
                flag,
                status);
        return db.count("SELECT MAX(id) FROM signature WHERE appeal_id = ?", appeal.id());
    }

    @Test
    void filterSearchPageAndActWithReasons() {
        long gmx = insert("06412000", "Frieda Frei", "CONFIRMED", "EMAIL_ONLY", "FREEMAIL");
        long official = insert("09162000", "Otto Offiziell", "CONFIRMED", "OFFICIAL_DOMAIN", null);
        long pending = insert("06412000", "Paula Pending", "PENDING", null, null);

        assertEquals(3, moderation.count(appeal.id(), SignatureFilter.none()));
        SignatureFilter freemail = SignatureFilter.of(Map.of("flag", "FREEMAIL"));
        assertEquals(1, moderation.count(appeal.id(), freemail));
        assertEquals(2, moderation.count(appeal.id(), SignatureFilter.of(Map.of("land", "06"))));
        assertEquals(1, moderation.count(appeal.id(), SignatureFilter.of(Map.of("q", "Otto"))));
        assertEquals(
                2, moderation.count(appeal.id(), SignatureFilter.of(Map.of("q", "Frankfurt"))));
        assertEquals(
                3, moderation.count(appeal.id(), SignatureFilter.of(Map.of("status", "nonsense"))));

        SignatureSearch.Page page = moderation.page(appeal.id(), SignatureFilter.none(), null);
        assertEquals(pending, page.rows().get(0).id(), "newest first");
        assertNull(page.nextBefore());

        assertEquals(1, moderation.preview(appeal.id(), freemail, ModerationAction.REJECT));
        assertEquals(
                1,
                moderation.applyAll(
                        appeal.id(),
                        freemail,
                        ModerationAction.REJECT,
                        "Keine Amtsperson",
                        "orga@x",
                        false));
        assertEquals(
                "REJECTED", db.row("SELECT status FROM signature WHERE id = ?", gmx).get("status"));
        assertEquals(0, moderation.preview(appeal.id(), freemail, ModerationAction.REJECT));

        assertTrue(
                moderation.apply(
                        appeal.id(),
                        gmx,
                        ModerationAction.RESTORE,
                        "Telefonisch geklärt",
                        "orga@x",
                        false));
        assertEquals(
                "CONFIRMED",
                db.row("SELECT status FROM signature WHERE id = ?", gmx).get("status"));
        assertTrue(
                moderation.apply(
                        appeal.id(),
                        pending,
                        ModerationAction.VERIFY,
                        "Anruf im Rathaus",
                        "orga@x",
                        false));
        Map<String, Object> verified =
                db.row("SELECT status, trust, confirmed_at FROM signature WHERE id = ?", pending);
        assertEquals("CONFIRMED", verified.get("status"));
        assertEquals("VERIFIED_BY_ORGANISER", verified.get("trust"));
        assertFalse(
                moderation.apply(
                        appeal.id(), official, ModerationAction.RESTORE, "nichts", "orga@x", false),
                "restore only applies to rejected signatures");
        assertEquals(
                3,
                db.count("SELECT COUNT(*) FROM signature_event WHERE appeal_id = ?", appeal.id()));
        assertEquals(
                "Keine Amtsperson",
                db.row(
                                "SELECT reason FROM signature_event WHERE signature_id = ? AND action = 'REJECT'",
                                gmx)
                        .get("reason"));
    }

    @Test
    void pagingWalksEverythingOnceInKeysetOrder() {
        for (int i = 0; i < Moderation.PAGE_SIZE + 7; i++) {
            insert("06412000", "Person " + i, "CONFIRMED", "EMAIL_ONLY", null);
        }
        SignatureSearch.Page first = moderation.page(appeal.id(), SignatureFilter.none(), null);
        assertEquals(Moderation.PAGE_SIZE, first.rows().size());
        SignatureSearch.Page second =
                moderation.page(appeal.id(), SignatureFilter.none(), first.nextBefore());
        assertEquals(7, second.rows().size());
        assertNull(second.nextBefore());
        assertTrue(first.rows().get(first.rows().size() - 1).id() > second.rows().get(0).id());
    }
}
