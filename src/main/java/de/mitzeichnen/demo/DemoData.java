package de.mitzeichnen.demo;

import de.mitzeichnen.alliance.Alliance;
import de.mitzeichnen.alliance.Alliances;
import de.mitzeichnen.alliance.DemoAllianceAppeal;
import de.mitzeichnen.alliance.Memberships;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.config.MitzeichnenConfig;
import de.mitzeichnen.db.EmbeddedDatabase;
import de.mitzeichnen.municipality.DomainImportReport;
import de.mitzeichnen.municipality.MailDomains;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.OrganiserKind;
import de.mitzeichnen.organiser.Organisers;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two demo organisers with one appeal each, for trying the product on a fresh machine. Only in
 * development: on with the embedded database, off with a configured database unless
 * MITZEICHNEN_DEMO=true. Idempotent: what exists (by organiser name and appeal slug) is left alone,
 * so the deadline stays 30 days after the first start.
 */
@Singleton
class DemoData implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** The source of what the demo registers (shown in the console, removable there). */
    static final String DEMO_SOURCE = "demo";

    private final MitzeichnenConfig config;
    private final EmbeddedDatabase embedded;
    private final Organisers organisers;
    private final Appeals appeals;
    private final MailDomains domains;
    private final Alliances alliances;
    private final Memberships memberships;
    private final DemoAllianceAppeal allianceAppeal;
    private final Clock clock;

    DemoData(
            MitzeichnenConfig config,
            EmbeddedDatabase embedded,
            Organisers organisers,
            Appeals appeals,
            MailDomains domains,
            Alliances alliances,
            Memberships memberships,
            DemoAllianceAppeal allianceAppeal,
            Clock clock) {
        this.alliances = alliances;
        this.memberships = memberships;
        this.allianceAppeal = allianceAppeal;
        this.config = config;
        this.embedded = embedded;
        this.organisers = organisers;
        this.appeals = appeals;
        this.domains = domains;
        this.clock = clock;
    }

    boolean enabled() {
        return config.getDemo().isEmpty()
                ? embedded.isEmbedded()
                : Boolean.parseBoolean(config.getDemo());
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (enabled()) {
            load();
        }
    }

    void load() {
        loadDomains();
        Instant now = clock.instant();
        // The deadline is the end of the day 30 days from now, Berlin time.
        Instant deadline =
                now.atZone(MitzeichnenConfig.ZONE)
                        .plusDays(30)
                        .with(LocalTime.of(23, 59, 59))
                        .toInstant();
        Organiser frankfurt =
                organiser(
                        "Stadt Frankfurt am Main",
                        OrganiserKind.CITY,
                        "06412000",
                        "buergermeisterin@stadt-frankfurt.example",
                        "https://frankfurt.de",
                        now);
        Organiser verband =
                organiser(
                        "Kommunalverbund Ordnung und Entlastung",
                        OrganiserKind.ASSOCIATION,
                        null,
                        "kontakt@kommunalverbund.example",
                        null,
                        now);
        int created = 0;
        created +=
                appeal(
                        frankfurt,
                        "migration-als-chance",
                        "Migration als Chance begreifen!",
                        "an die Bundesregierung",
                        "migration-als-chance.md",
                        "buergermeisterin@stadt-frankfurt.example",
                        now,
                        deadline,
                        100,
                        now);
        created +=
                appeal(
                        verband,
                        "kommunen-entlasten",
                        "Kommunen entlasten – Rückkehr verlässlich regeln",
                        "an die Bundesregierung und die Landesregierungen",
                        "kommunen-entlasten.md",
                        "kontakt@kommunalverbund.example",
                        now,
                        deadline.plus(Duration.ofDays(14)),
                        null,
                        now);
        if (created > 0) {
            LOG.info(
                    "Demo data: created {} demo appeal(s) (development only; MITZEICHNEN_DEMO=false turns this off)",
                    created);
        }
        Organiser potsdam =
                organiser(
                        "Landeshauptstadt Potsdam",
                        OrganiserKind.CITY,
                        "12054000",
                        "buendnis@potsdam.example",
                        null,
                        now);
        alliance(potsdam);
        // after the demo alliance exists: its appeal, contacts, invitations and replies
        alliances
                .publicBySlug("sichere-haefen")
                .ifPresent(a -> allianceAppeal.load(a, now, deadline));
    }

    /** The founding date of „Städte Sicherer Häfen" (Potsdamer Erklärung). */
    static final LocalDate FOUNDED = LocalDate.of(2019, 6, 14);

    static final String ALLIANCE_SLUG = "sichere-haefen";

    /**
     * The alliance „Städte Sicherer Häfen" with its 12 founding members of the Potsdamer Erklärung
     * (14.06.2019, from {@code demo/sichere-haefen-gruendungsmitglieder.csv}), plus — marked as
     * demo data in their basis — a Landkreis, a city abroad and a member that has left, written
     * through the alliance's service API. Left alone when it exists.
     */
    private void alliance(Organiser organiser) {
        if (alliances.bySlug(ALLIANCE_SLUG).isPresent()) {
            return;
        }
        Alliances.Outcome created =
                alliances.create(
                        Actor.system(),
                        organiser.id(),
                        new Alliances.Details(
                                "Städte Sicherer Häfen",
                                ALLIANCE_SLUG,
                                "Kommunen, die sich bereit erklären, aus Seenot gerettete Menschen"
                                        + " zusätzlich aufzunehmen, und dafür vom Bund die nötigen"
                                        + " Wege verlangen. Gegründet am 14. Juni 2019 mit der"
                                        + " Potsdamer Erklärung.\n\n"
                                        + "Demodaten: Die Gründungsmitglieder stammen aus der"
                                        + " Potsdamer Erklärung; Landkreis, Stadt im Ausland und"
                                        + " Austritt sind erfunden, um die Seite zu zeigen.",
                                "Geschäftsstelle (Demo)",
                                "buendnis@potsdam.example",
                                true));
        if (!created.ok()) {
            throw new IllegalStateException("The demo alliance could not be created");
        }
        Alliance a = created.saved();
        List<Memberships.NewMember> members = new java.util.ArrayList<>();
        for (String ags : foundingMembers()) {
            members.add(member(ags, "DE", FOUNDED, null, "Potsdamer Erklärung vom 14.06.2019"));
        }
        members.add(
                member(
                        "06534",
                        "DE",
                        LocalDate.of(2020, 2, 20),
                        null,
                        "Kreistagsbeschluss (Demodaten)"));
        members.add(
                member(
                        "Zürich",
                        "CH",
                        LocalDate.of(2021, 5, 1),
                        null,
                        "Stadtratsbeschluss (Demodaten)"));
        members.add(
                member(
                        "06611000",
                        "DE",
                        LocalDate.of(2019, 9, 1),
                        LocalDate.of(2023, 12, 31),
                        "Stadtverordnetenbeschluss (Demodaten)"));
        int added = memberships.addAll(a, members, Actor.system(), java.util.Map.of());
        LOG.info("Demo data: alliance „{}“ with {} memberships", a.name(), added);
    }

    private Memberships.NewMember member(
            String place, String country, LocalDate joined, LocalDate left, String basis) {
        return new Memberships.NewMember(
                memberships
                        .target(place, country)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Demo member not in the register: " + place)),
                joined,
                left,
                basis,
                null);
    }

    /** The AGS column of the founding members' list. */
    private static List<String> foundingMembers() {
        try (InputStream in =
                        DemoData.class.getResourceAsStream(
                                "/demo/sichere-haefen-gruendungsmitglieder.csv");
                CSVParser csv =
                        CSVParser.parse(
                                in,
                                StandardCharsets.UTF_8,
                                CSVFormat.RFC4180
                                        .builder()
                                        .setHeader()
                                        .setSkipHeaderRecord(true)
                                        .get())) {
            return csv.getRecords().stream().map(r -> r.get("ags")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The official mail domains of the places the demo and the README's „Try it" use, so that an
     * official signing with such an address counts at once on a fresh start. Marked with the source
     * „demo"; idempotent. A production register comes from the operator's own import.
     */
    private void loadDomains() {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/domains.csv")) {
            DomainImportReport r = domains.importCsv(in, DEMO_SOURCE);
            if (!r.ok()) {
                throw new IllegalStateException("The demo domains are unreadable: " + r.errors());
            }
            if (r.added() > 0) {
                LOG.info(
                        "Demo data: registered {} official mail domain(s) of demo places (source „{}“)",
                        r.added(),
                        DEMO_SOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Organiser organiser(
            String name,
            OrganiserKind kind,
            String ags,
            String email,
            String website,
            Instant now) {
        return organisers.seed(
                new Organiser(null, name, kind, ags, email, website, now, now, null, null));
    }

    private int appeal(
            Organiser organiser,
            String slug,
            String title,
            String addressee,
            String textFile,
            String contact,
            Instant opensAt,
            Instant deadline,
            Integer goal,
            Instant now) {
        if (appeals.bySlug(slug).isPresent()) {
            return 0;
        }
        appeals.seed(
                new Appeal(
                        null,
                        organiser.id(),
                        slug,
                        title,
                        addressee,
                        text(textFile),
                        contact,
                        opensAt.truncatedTo(ChronoUnit.SECONDS),
                        deadline,
                        86_400,
                        AppealStatus.OPEN,
                        EnumSet.allOf(SignerRole.class),
                        true,
                        goal,
                        PublicCount.TRUSTED_ONLY,
                        now,
                        now,
                        null));
        return 1;
    }

    private static String text(String file) {
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
