package de.mitzeichnen.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.web.Formats;
import de.mitzeichnen.web.Texts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

@MicronautTest(startApplication = false)
class AppealLifecycleTest {

    @Inject Texts texts;

    static Appeal appeal(AppealStatus status, Instant opens, Instant deadline, int graceSeconds) {
        return new Appeal(
                1L,
                1L,
                "x",
                "T",
                "an",
                "b",
                "c@x.example",
                opens,
                deadline,
                graceSeconds,
                status,
                EnumSet.allOf(SignerRole.class),
                true,
                null,
                PublicCount.TRUSTED_ONLY,
                opens,
                opens,
                0L);
    }

    @Test
    void openBecomesClosedAtTheDeadlineToTheSecondWithoutAnyJob() {
        Instant deadline = Instant.parse("2025-12-03T22:59:59Z");
        Appeal a =
                appeal(AppealStatus.OPEN, Instant.parse("2025-11-01T00:00:00Z"), deadline, 86_400);
        assertEquals(AppealStatus.OPEN, a.statusAt(deadline.minusSeconds(1)));
        assertTrue(a.acceptsSignatures(deadline.minusSeconds(1)));
        assertEquals(AppealStatus.CLOSED, a.statusAt(deadline));
        assertFalse(a.acceptsSignatures(deadline));
        assertEquals(Instant.parse("2025-12-04T22:59:59Z"), a.confirmableUntil());
    }

    @Test
    void draftsAndArchivedAppealsNeverTakeSignaturesAndNotBeforeTheyOpen() {
        Instant opens = Instant.parse("2025-11-10T09:00:00Z");
        Instant deadline = Instant.parse("2025-12-03T22:59:59Z");
        assertFalse(
                appeal(AppealStatus.DRAFT, opens, deadline, 0)
                        .acceptsSignatures(opens.plusSeconds(60)));
        assertFalse(
                appeal(AppealStatus.ARCHIVED, opens, deadline, 0)
                        .acceptsSignatures(opens.plusSeconds(60)));
        Appeal open = appeal(AppealStatus.OPEN, opens, deadline, 0);
        assertTrue(open.upcomingAt(opens.minusSeconds(1)));
        assertFalse(open.acceptsSignatures(opens.minusSeconds(1)));
        assertTrue(open.acceptsSignatures(opens));
        assertEquals(deadline, open.confirmableUntil());
    }

    @Test
    void deadlinesAreShownInBerlinTimeAcrossDaylightSavingChanges() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        Formats de = new Formats(Locale.GERMAN, clock, texts);
        Formats en = new Formats(Locale.ENGLISH, clock, texts);
        // Winter time (UTC+1)
        assertEquals(
                "3. Dezember 2025, 23:59 Uhr", de.dateTime(Instant.parse("2025-12-03T22:59:59Z")));
        assertEquals("3 December 2025, 23:59", en.dateTime(Instant.parse("2025-12-03T22:59:59Z")));
        // 29 March 2026: clocks jump from 02:00 to 03:00 — 00:59:59Z is 01:59:59 CET, one second
        // later 03:00 CEST.
        assertEquals(
                "29. März 2026, 01:59 Uhr", de.dateTime(Instant.parse("2026-03-29T00:59:59Z")));
        assertEquals(
                "29. März 2026, 03:00 Uhr", de.dateTime(Instant.parse("2026-03-29T01:00:00Z")));
        // 25 October 2026: 02:30 happens twice; the instant decides which.
        assertEquals(
                "25. Oktober 2026, 02:30 Uhr", de.dateTime(Instant.parse("2026-10-25T00:30:00Z")));
        assertEquals(
                "25. Oktober 2026, 02:30 Uhr", de.dateTime(Instant.parse("2026-10-25T01:30:00Z")));
        // Summer time (UTC+2)
        assertEquals(
                "30. Juni 2026, 23:59 Uhr", de.dateTime(Instant.parse("2026-06-30T21:59:00Z")));
    }

    @Test
    void timeLeftCountsAcrossTheSpringChangeInRealTime() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-28T22:00:00Z"), ZoneOffset.UTC);
        Formats de = new Formats(Locale.GERMAN, clock, texts);
        assertEquals("noch 3 Stunden", de.timeLeft(Instant.parse("2026-03-29T01:00:00Z")));
        assertEquals("noch 3 Tage", de.timeLeft(Instant.parse("2026-03-31T22:00:00Z")));
        assertEquals("noch 1 Minute", de.timeLeft(Instant.parse("2026-03-28T22:00:30Z")));
        assertEquals("abgelaufen", de.timeLeft(Instant.parse("2026-03-28T22:00:00Z")));
        assertEquals(
                "5 hours left",
                new Formats(Locale.ENGLISH, clock, texts)
                        .timeLeft(Instant.parse("2026-03-29T03:00:00Z")));
    }
}
