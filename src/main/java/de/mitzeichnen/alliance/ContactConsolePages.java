package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.audit.Actor;
import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.console.ConsoleView;
import de.mitzeichnen.console.FormErrors;
import de.mitzeichnen.console.FormFields;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.Pages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The contact persons of an alliance's members in the console: listed by member, added, edited and
 * erased one by one (erasing really deletes, with the person's invitations to the alliance's
 * appeals; only an unsubscribed address's hash stays). A refused change shows every problem and
 * stores nothing.
 */
@Hidden
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/verwaltung/buendnisse/{id}/kontakte")
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class ContactConsolePages {

    private static final Set<String> NOTICES = Set.of("added", "saved", "erased", "imported");

    /** The fields of the form, in its order (for the error summary). */
    static final List<String> FIELDS = List.of("place", "name", "role", "email", "body", "note");

    /** What the form sent (also the empty form and an edited contact's values). */
    @Serdeable
    record ContactForm(
            @Nullable String place,
            @Nullable String name,
            @Nullable String role,
            @Nullable String email,
            @Nullable String body,
            @Nullable String note,
            @Nullable Long version) {
        static ContactForm empty(String place) {
            return new ContactForm(place, "", "", "", "", "", null);
        }

        static ContactForm of(Contact c) {
            return new ContactForm(
                    c.place().id(),
                    c.name(),
                    c.role().name(),
                    c.email(),
                    c.body() == null ? "" : c.body(),
                    c.note() == null ? "" : c.note(),
                    c.version());
        }

        Contacts.Input input() {
            return new Contacts.Input(name, role, email, body, note);
        }
    }

    /** A contact in the list, with its role in words and whether it has unsubscribed. */
    record Line(Contact contact, String role, boolean unsubscribed) {}

    /** A member with its contacts; {@code state} is now, future or past. */
    record Group(PlaceInfo place, String state, List<Line> contacts) {}

    /** A member to choose in the form. */
    record Option(String value, String label) {}

    private final ConsoleAlliances consoleAlliances;
    private final Contacts contacts;
    private final ContactStore store;
    private final Memberships memberships;
    private final Places places;
    private final ConsoleView view;

    ContactConsolePages(
            ConsoleAlliances consoleAlliances,
            Contacts contacts,
            ContactStore store,
            Memberships memberships,
            Places places,
            ConsoleView view) {
        this.consoleAlliances = consoleAlliances;
        this.contacts = contacts;
        this.store = store;
        this.memberships = memberships;
        this.places = places;
        this.view = view;
    }

    @Get
    HttpResponse<String> list(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            @Nullable @QueryValue String ok,
            @Nullable @QueryValue String n,
            @Nullable @QueryValue String mitglied) {
        Alliance alliance = consoleAlliances.managed(me, id);
        String notice =
                ok != null && NOTICES.contains(ok)
                        ? view.text(
                                request,
                                "alliance.contacts.notice." + ok,
                                n == null || !n.matches("\\d{1,6}") ? "0" : n)
                        : null;
        return listPage(
                request,
                me,
                alliance,
                HttpStatus.OK,
                ContactForm.empty(mitglied == null ? "" : mitglied),
                new FormErrors(),
                notice);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request, ConsoleUser me, long id, @Body ContactForm form) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Contacts.Outcome outcome =
                contacts.add(alliance, parsePlace(form.place()), form.input(), Actor.of(me));
        if (!outcome.ok()) {
            return listPage(
                    request,
                    me,
                    alliance,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    form,
                    outcome.errors(),
                    null);
        }
        return back(alliance, "added");
    }

    @Get("/{contactId}/bearbeiten")
    HttpResponse<String> edit(HttpRequest<?> request, ConsoleUser me, long id, long contactId) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Contact contact =
                contacts.byId(alliance.id(), contactId).orElseThrow(NotFoundException::new);
        return editPage(
                request,
                me,
                alliance,
                contact,
                HttpStatus.OK,
                ContactForm.of(contact),
                new FormErrors());
    }

    @Post("/{contactId}/bearbeiten")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(
            HttpRequest<?> request,
            ConsoleUser me,
            long id,
            long contactId,
            @Body ContactForm form) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Contact contact =
                contacts.byId(alliance.id(), contactId).orElseThrow(NotFoundException::new);
        Contacts.Outcome outcome =
                contacts.update(
                        alliance,
                        contactId,
                        form.version() == null ? -1 : form.version(),
                        form.input(),
                        Actor.of(me));
        if (!outcome.ok()) {
            // on a conflict the stored values are shown again, as the message says
            Contact now = contacts.byId(alliance.id(), contactId).orElse(contact);
            return editPage(
                    request,
                    me,
                    alliance,
                    now,
                    outcome.conflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY,
                    outcome.conflict() ? ContactForm.of(now) : withPlace(form, now),
                    outcome.errors());
        }
        return back(alliance, "saved");
    }

    @Get("/{contactId}/loeschen")
    HttpResponse<String> confirmErase(
            HttpRequest<?> request, ConsoleUser me, long id, long contactId) {
        Alliance alliance = consoleAlliances.managed(me, id);
        Contact contact =
                contacts.byId(alliance.id(), contactId).orElseThrow(NotFoundException::new);
        return view.render(
                request,
                me,
                HttpStatus.OK,
                "alliance/contact-erase",
                Pages.model(
                        "alliance",
                        alliance,
                        "contact",
                        contact,
                        "place",
                        places.info(contact.place(), view.locale(request)),
                        "role",
                        view.text(request, contact.role().messageKey())));
    }

    @Post("/{contactId}/loeschen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> erase(HttpRequest<?> request, ConsoleUser me, long id, long contactId) {
        Alliance alliance = consoleAlliances.managed(me, id);
        if (!contacts.erase(alliance, contactId, Actor.of(me), false)) {
            throw new NotFoundException();
        }
        return back(alliance, "erased");
    }

    private HttpResponse<String> listPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            HttpStatus status,
            ContactForm form,
            FormErrors errors,
            @Nullable String notice) {
        Locale locale = view.locale(request);
        LocalDate today = memberships.today();
        List<Member> all = memberships.all(alliance.id());
        Map<MemberPlace, String> states = new LinkedHashMap<>();
        for (Member m : all) {
            String state =
                    m.inForceOn(today) ? "now" : m.joinedOn().isAfter(today) ? "future" : "past";
            // a place that is a member now shows as such, whatever its earlier memberships
            states.merge(
                    m.place(), state, (a, b) -> a.equals("now") || b.equals("now") ? "now" : b);
        }
        Set<String> unsubscribed = store.unsubscribedHashes(alliance.id());
        Map<MemberPlace, List<Line>> byPlace = new LinkedHashMap<>();
        states.keySet().forEach(p -> byPlace.put(p, new ArrayList<>()));
        for (Contact c : contacts.all(alliance.id())) {
            byPlace.computeIfAbsent(c.place(), p -> new ArrayList<>())
                    .add(
                            new Line(
                                    c,
                                    view.text(request, c.role().messageKey()),
                                    unsubscribed.contains(
                                            Unsubscribes.addressHash(
                                                    alliance.id(), c.emailKey()))));
        }
        List<Group> groups = new ArrayList<>();
        byPlace.forEach(
                (place, lines) -> {
                    String state = states.getOrDefault(place, "past");
                    // a past member without contacts says nothing worth a heading
                    if (!lines.isEmpty() || !state.equals("past")) {
                        groups.add(new Group(places.info(place, locale), state, lines));
                    }
                });
        List<Option> options =
                contacts.places(alliance.id()).stream()
                        .map(p -> places.info(p, locale))
                        .map(i -> new Option(i.place().id(), label(i)))
                        .toList();
        long total = groups.stream().mapToLong(g -> g.contacts().size()).sum();
        Map<String, Object> model =
                Pages.model(
                        "alliance", alliance,
                        "groups", groups,
                        "total", total,
                        "options", options,
                        "roles", roles(),
                        "form", form,
                        "notice", notice);
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "alliance/contacts", model);
    }

    private HttpResponse<String> editPage(
            HttpRequest<?> request,
            ConsoleUser me,
            Alliance alliance,
            Contact contact,
            HttpStatus status,
            ContactForm form,
            FormErrors errors) {
        Map<String, Object> model =
                Pages.model(
                        "alliance",
                        alliance,
                        "contact",
                        contact,
                        "place",
                        places.info(contact.place(), view.locale(request)),
                        "roles",
                        roles(),
                        "form",
                        form);
        view.withErrors(request, model, errors);
        return view.render(request, me, status, "alliance/contact-form", model);
    }

    /** The roles a contact can have: every office but „other". */
    static List<SignerRole> roles() {
        return Arrays.stream(SignerRole.values()).filter(r -> r != SignerRole.OTHER).toList();
    }

    private static ContactForm withPlace(ContactForm form, Contact contact) {
        return new ContactForm(
                contact.place().id(),
                form.name(),
                form.role(),
                form.email(),
                form.body(),
                form.note(),
                form.version());
    }

    /** „München (09162000)", „Landkreis Fulda (06631)", „Zürich (CH)". */
    static String label(PlaceInfo i) {
        return Memberships.describe(i);
    }

    /** A member as the form names it ({@link MemberPlace#id()}), or null. */
    static @Nullable MemberPlace parsePlace(@Nullable String value) {
        if (value == null || value.length() < 3 || value.charAt(1) != ':') {
            return null;
        }
        String key = value.substring(2);
        return switch (value.charAt(0)) {
            case 'M' -> key.matches("\\d{8}") ? MemberPlace.municipality(key) : null;
            case 'D' -> key.matches("\\d{5}") ? MemberPlace.district(key) : null;
            case 'F' -> {
                Long n = FormFields.parseLong(key);
                yield n == null ? null : MemberPlace.foreign(n);
            }
            default -> null;
        };
    }

    private static HttpResponse<?> back(Alliance alliance, String notice) {
        return HttpResponse.seeOther(
                URI.create("/verwaltung/buendnisse/" + alliance.id() + "/kontakte?ok=" + notice));
    }
}
