package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.signing.Evidence;
import de.mitzeichnen.signing.ReplyForms;
import de.mitzeichnen.signing.SignForm;
import de.mitzeichnen.signing.Signatures;
import de.mitzeichnen.signing.VerificationMethod;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data for a development start (called by {@code demo.DemoData} once the demo alliance
 * exists): an appeal run by the alliance, contact persons of some members (invented names, {@code
 * .example} addresses, one abroad), their invitations — in the dev mailbox — and replies recorded
 * for two members, for the member that has left and for a non-member, so that „N von M", the
 * dashboard's member list and the supporters' „Mitglied" marks can be tried at once. All through
 * the features' service APIs; left alone when the appeal exists.
 */
@Singleton
public class DemoAllianceAppeal {

    private static final Logger LOG = LoggerFactory.getLogger(DemoAllianceAppeal.class);

    public static final String SLUG = "sichere-haefen-aufnahme";

    /** A demo contact: member (AGS, Landkreis key or name abroad), country and the person. */
    private record DemoContact(
            String member,
            String country,
            String name,
            SignerRole role,
            String email,
            String body) {}

    private static final List<DemoContact> CONTACTS =
            List.of(
                    new DemoContact(
                            "12054000",
                            "DE",
                            "Anna Beispiel",
                            SignerRole.LORD_MAYOR,
                            "oberbuergermeisterin@potsdam.example",
                            ""),
                    new DemoContact(
                            "12054000",
                            "DE",
                            "Bernd Muster",
                            SignerRole.DEZERNENT,
                            "sozialbeigeordneter@potsdam.example",
                            "Geschäftsbereich Soziales"),
                    new DemoContact(
                            "01002000",
                            "DE",
                            "Clara Probe",
                            SignerRole.LORD_MAYOR,
                            "oberbuergermeisterin@kiel.example",
                            ""),
                    new DemoContact(
                            "11000000",
                            "DE",
                            "David Test",
                            SignerRole.COUNCILLOR,
                            "fraktion@berlin.example",
                            "Abgeordnetenhaus"),
                    new DemoContact(
                            "06534",
                            "DE",
                            "Eva Kreis",
                            SignerRole.DISTRICT_ADMINISTRATOR,
                            "landraetin@marburg-biedenkopf.example",
                            ""),
                    new DemoContact(
                            "Zürich",
                            "CH",
                            "Fritz Beispiel",
                            SignerRole.MAYOR,
                            "stadtpraesidium@zuerich.example",
                            "Stadtrat"));

    private final Appeals appeals;
    private final AllianceAppeals allianceAppeals;
    private final Places places;
    private final Contacts contacts;
    private final MemberInvitations invitations;
    private final ReplyForms replies;
    private final Signatures signatures;

    DemoAllianceAppeal(
            Appeals appeals,
            AllianceAppeals allianceAppeals,
            Places places,
            Contacts contacts,
            MemberInvitations invitations,
            ReplyForms replies,
            Signatures signatures) {
        this.appeals = appeals;
        this.allianceAppeals = allianceAppeals;
        this.places = places;
        this.contacts = contacts;
        this.invitations = invitations;
        this.replies = replies;
        this.signatures = signatures;
    }

    /**
     * Adds the appeal of {@code alliance} with contacts, invitations and replies, unless it exists;
     * returns whether it did.
     */
    public boolean load(Alliance alliance, Instant now, Instant deadline) {
        return load(alliance, SLUG, now, deadline);
    }

    /** {@link #load(Alliance, Instant, Instant)} with the appeal at {@code slug}. */
    boolean load(Alliance alliance, String slug, Instant now, Instant deadline) {
        if (appeals.bySlug(slug).isPresent()) {
            return false;
        }
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Appeal appeal =
                appeals.seed(
                        new Appeal(
                                null,
                                alliance.organiserId(),
                                slug,
                                "Sichere Häfen: Aufnahme aus Seenot ermöglichen",
                                "an die Bundesregierung",
                                text(),
                                alliance.contactEmail(),
                                at.truncatedTo(ChronoUnit.SECONDS),
                                deadline,
                                86_400,
                                AppealStatus.OPEN,
                                EnumSet.allOf(SignerRole.class),
                                true,
                                null,
                                PublicCount.TRUSTED_ONLY,
                                at,
                                at,
                                null));
        allianceAppeals.link(alliance, appeal, Actor.system());
        int added = 0;
        for (DemoContact c : CONTACTS) {
            Optional<MemberPlace> place =
                    Optional.ofNullable(places.resolve(c.member(), c.country()).target())
                            .flatMap(places::placeOf)
                            .filter(p -> contacts.places(alliance.id()).contains(p));
            if (place.isPresent()
                    && contacts.add(
                                    alliance,
                                    place.get(),
                                    new Contacts.Input(
                                            c.name(), c.role().name(), c.email(), c.body(), ""),
                                    Actor.system())
                            .ok()) {
                added++;
            }
        }
        int invited =
                invitations.invite(
                        alliance,
                        appeal,
                        MemberInvitations.Filter.ALL,
                        Actor.system(),
                        Locale.GERMAN,
                        "* / *");
        // replies received by letter: two members, the member that has left (its signature
        // counts for the appeal, but not in „N von M") and a city that is no member
        int recorded = 0;
        for (String[] r :
                List.of(
                        new String[] {"Anna Beispiel", "LORD_MAYOR", "12054000"},
                        new String[] {"Clara Probe", "LORD_MAYOR", "01002000"},
                        new String[] {"Gerd Früher", "LORD_MAYOR", "06611000"},
                        new String[] {"Hanna Nachbar", "MAYOR", "06412000"})) {
            ReplyForms.Checked checked =
                    replies.check(
                            appeal,
                            new SignForm(r[0], r[1], "", "", r[2], "DE", "", false, true, false));
            if (checked.valid()
                    && signatures
                            .record(
                                    appeal,
                                    checked.request(),
                                    new Evidence(
                                            VerificationMethod.LETTER, null, "Demodaten", null),
                                    Actor.system(),
                                    Locale.GERMAN)
                            .isPresent()) {
                recorded++;
            }
        }
        LOG.info(
                "Demo data: appeal „{}“ of alliance „{}“ with {} contact(s), {} invitation(s), {} recorded reply(ies)",
                appeal.title(),
                alliance.name(),
                added,
                invited,
                recorded);
        return true;
    }

    private static String text() {
        try (InputStream in =
                DemoAllianceAppeal.class.getResourceAsStream("/demo/sichere-haefen-aufnahme.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
