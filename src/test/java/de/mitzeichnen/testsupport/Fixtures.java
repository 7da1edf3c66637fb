package de.mitzeichnen.testsupport;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.OrganiserKind;
import de.mitzeichnen.organiser.Organisers;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.UUID;

/**
 * Creates rows with unique names, so that test classes sharing one database never see each other's
 * data.
 */
@Singleton
public class Fixtures {

    private final Organisers organisers;
    private final Appeals appeals;

    Fixtures(Organisers organisers, Appeals appeals) {
        this.organisers = organisers;
        this.appeals = appeals;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Organiser organiser(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return organisers.seed(
                new Organiser(
                        null,
                        unique(name),
                        OrganiserKind.CITY,
                        "06412000",
                        "kontakt@stadt.example",
                        "https://stadt.example",
                        now,
                        now,
                        null,
                        null));
    }

    public Appeal appeal(String title, AppealStatus status, Instant opensAt, Instant deadline) {
        return appeal(organiser("Stadt Test"), title, status, opensAt, deadline, "Ein **Aufruf**.");
    }

    public Appeal appeal(
            Organiser organiser,
            String title,
            AppealStatus status,
            Instant opensAt,
            Instant deadline,
            String body) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return appeals.seed(
                new Appeal(
                        null,
                        organiser.id(),
                        unique("aufruf").toLowerCase(),
                        title,
                        "an die Bundesregierung",
                        body,
                        "aufruf@stadt.example",
                        opensAt,
                        deadline,
                        86_400,
                        status,
                        EnumSet.allOf(SignerRole.class),
                        true,
                        null,
                        PublicCount.TRUSTED_ONLY,
                        now,
                        now,
                        null));
    }
}
