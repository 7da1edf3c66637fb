package de.mitzeichnen.alliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealStatus;
import de.mitzeichnen.appeal.Appeals;
import de.mitzeichnen.appeal.PublicCount;
import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.AccountRole;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.testsupport.Fixtures;
import de.mitzeichnen.testsupport.Web;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;

/**
 * Alliances, members, appeals and contacts for the tests of contacts and appeals of an alliance,
 * made through the alliance's own service API (the console pages for them are tested in their own
 * classes); every name unique, so that test classes sharing one database never meet.
 */
@Singleton
class ContactTestData {

    private final Alliances alliances;
    private final Memberships memberships;
    private final Places places;
    private final Contacts contacts;
    private final Appeals appeals;

    ContactTestData(
            Alliances alliances,
            Memberships memberships,
            Places places,
            Contacts contacts,
            Appeals appeals) {
        this.alliances = alliances;
        this.memberships = memberships;
        this.places = places;
        this.contacts = contacts;
        this.appeals = appeals;
    }

    /** A public alliance of the organiser. */
    Alliance alliance(Organiser organiser, boolean publicPage) {
        ConsoleUser admin =
                new ConsoleUser(0, "system", "Test", AccountRole.PLATFORM_ADMIN, null, null);
        Alliances.Outcome o =
                alliances.create(
                        admin,
                        new AllianceForm.Input(
                                organiser.id(),
                                "Bündnis " + UUID.randomUUID().toString().substring(0, 6),
                                Fixtures.unique("kontakt").toLowerCase(),
                                "Kommunen, die zusammenstehen.",
                                "Geschäftsstelle",
                                "buendnis@stadt.example",
                                publicPage,
                                null));
        assertTrue(o.ok(), String.valueOf(o.errors()));
        return o.saved();
    }

    /** A member from {@code joined} on (and until {@code left}, if given). */
    MemberPlace member(Alliance a, String place, String country, String joined, String left) {
        MemberTarget target = places.resolve(place, country).target();
        assertNotNull(target, place);
        Memberships.Outcome o =
                memberships.add(
                        a,
                        new Memberships.NewMember(
                                target,
                                LocalDate.parse(joined),
                                left == null ? null : LocalDate.parse(left),
                                "Beschluss",
                                null),
                        Actor.system());
        assertTrue(o.ok(), place + ": " + o.errors());
        return o.member().place();
    }

    Contact contact(
            Alliance a,
            MemberPlace place,
            String name,
            SignerRole role,
            String email,
            String body) {
        Contacts.Outcome o =
                contacts.add(
                        a,
                        place,
                        new Contacts.Input(name, role.name(), email, body, ""),
                        Actor.system());
        assertTrue(o.ok(), name + ": " + o.errors());
        return o.contact();
    }

    /** An open appeal of the organiser (trusted signatures count), not run by any alliance yet. */
    Appeal appeal(Organiser organiser, String title, Instant opens, Instant deadline) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return appeals.seed(
                new Appeal(
                        null,
                        organiser.id(),
                        Fixtures.unique("buendnis-aufruf").toLowerCase(),
                        title,
                        "an die Bundesregierung",
                        "Ein **Aufruf** des Bündnisses.",
                        "aufruf@stadt.example",
                        opens,
                        deadline,
                        86_400,
                        AppealStatus.OPEN,
                        EnumSet.allOf(SignerRole.class),
                        true,
                        null,
                        PublicCount.TRUSTED_ONLY,
                        now,
                        now,
                        null));
    }

    /** The fields of the first form on a page whose action contains {@code action}, as sent. */
    static Map<String, String> formFields(Web.Page page, String action) {
        Element form = page.doc().selectFirst("form[action*='" + action + "']");
        assertNotNull(form, "no form " + action + " in " + page.text());
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element e : form.select("input[name], select[name], textarea[name]")) {
            String name = e.attr("name");
            switch (e.tagName()) {
                case "select" -> {
                    Element o = e.selectFirst("option[selected]");
                    fields.put(name, o == null ? "" : o.attr("value"));
                }
                case "textarea" -> fields.put(name, e.text());
                default -> {
                    if (!e.attr("type").equals("checkbox") || e.hasAttr("checked")) {
                        fields.put(name, e.attr("value"));
                    }
                }
            }
        }
        return fields;
    }

    /** Sends a console form found on {@code page} with {@code changes}, as a browser would. */
    static Web.Page submit(Web web, Web.Page page, String action, Map<String, String> changes) {
        Element form = page.doc().selectFirst("form[action*='" + action + "']");
        assertNotNull(form, "no form " + action);
        Map<String, String> fields = formFields(page, action);
        fields.putAll(changes);
        return web.post(form.attr("action"), fields);
    }

    static void assertStatus(int expected, Web.Page page) {
        assertEquals(expected, page.status(), page.text());
    }

    static List<String> texts(Web.Page page, String selector) {
        return page.doc().select(selector).eachText();
    }
}
