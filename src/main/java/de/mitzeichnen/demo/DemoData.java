package de.mitzeichnen.demo;

import de.mitzeichnen.alliance.Alliances;
import de.mitzeichnen.alliance.DemoAllianceAppeal;
import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.appeal.SignerRole;
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
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
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
    private final DemoAllianceAppeal allianceAppeal;
    private final Clock clock;

    DemoData(
            MitzeichnenConfig config,
            EmbeddedDatabase embedded,
            Organisers organisers,
            Appeals appeals,
            MailDomains domains,
            Alliances alliances,
            DemoAllianceAppeal allianceAppeal,
            Clock clock) {
        this.alliances = alliances;
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
        // after the demo alliance exists: its appeal, contacts, invitations and replies
        alliances
                .publicBySlug("sichere-haefen")
                .ifPresent(a -> allianceAppeal.load(a, now, deadline));
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
