package de.mitzeichnen.alliance;

import de.mitzeichnen.appeal.SignerRole;
import de.mitzeichnen.db.Sql;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.ratelimit.RateLimits;
import de.mitzeichnen.security.ClientIp;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.PublicGet;
import de.mitzeichnen.web.Texts;
import de.mitzeichnen.web.TokenPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * „Beitritt erklären": the public form an official uses to declare that their municipality or
 * Landkreis (or a city abroad) joins an alliance, and the double opt-in behind it. Like the sign
 * form, the form page is the same for every visitor (cacheable, no cookie, no per-visitor token;
 * cross-site posts are refused by the origin check), every bad input returns the form with a GOV.UK
 * error summary (422), and the mailed link only shows on GET; its button confirms. Only public
 * alliances take declarations; others answer 404 like their page.
 */
@Hidden
@Controller
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
class JoinPages {

    static final String CONFIRM = "/beitritt-bestaetigen/";

    /** A country for the select box. */
    record Country(String code, String name) {}

    private final Alliances alliances;
    private final Organisers organisers;
    private final JoinValidator validator;
    private final JoinSubmission submission;
    private final JoinConfirmation confirmation;
    private final JoinDescriber describer;
    private final PageRenderer pages;
    private final Languages languages;
    private final Texts texts;
    private final ClientIp clientIp;
    private final RateLimits limits;

    JoinPages(
            Alliances alliances,
            Organisers organisers,
            JoinValidator validator,
            JoinSubmission submission,
            JoinConfirmation confirmation,
            JoinDescriber describer,
            PageRenderer pages,
            Languages languages,
            Texts texts,
            ClientIp clientIp,
            RateLimits limits) {
        this.alliances = alliances;
        this.organisers = organisers;
        this.validator = validator;
        this.submission = submission;
        this.confirmation = confirmation;
        this.describer = describer;
        this.pages = pages;
        this.languages = languages;
        this.texts = texts;
        this.clientIp = clientIp;
        this.limits = limits;
    }

    static String formPath(Alliance a) {
        return "/buendnisse/" + a.slug() + "/beitreten";
    }

    @PublicGet
    @Get("/buendnisse/{slug}/beitreten")
    HttpResponse<String> form(HttpRequest<?> request, String slug) {
        Alliance alliance = alliances.publicBySlug(slug).orElseThrow(NotFoundException::new);
        return form(request, HttpStatus.OK, alliance, JoinForm.empty(), Map.of(), List.of());
    }

    @Post("/buendnisse/{slug}/beitreten")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> declare(
            HttpRequest<?> request, String slug, @Nullable @Body Map<String, String> fields) {
        Alliance alliance = alliances.publicBySlug(slug).orElseThrow(NotFoundException::new);
        Locale locale = languages.resolveOrDefault(request);
        JoinForm form = JoinForm.of(fields);
        JoinValidator.Result result = validator.validate(alliance, form);
        if (!result.valid()) {
            return form(
                    request,
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    alliance,
                    form,
                    result.errors().localized(texts, locale),
                    result.candidates());
        }
        submission.requireWithinLimits(alliance, result.request(), clientIp.hash(request));
        retried(
                () -> {
                    submission.submit(alliance, result.request(), locale);
                    return null;
                });
        return HttpResponse.seeOther(
                URI.create(formPath(alliance) + "/bitte-bestaetigen?lang=" + locale.getLanguage()));
    }

    @PublicGet
    @Get("/buendnisse/{slug}/beitreten/bitte-bestaetigen")
    HttpResponse<String> pleaseConfirm(HttpRequest<?> request, String slug) {
        Alliance alliance = alliances.publicBySlug(slug).orElseThrow(NotFoundException::new);
        return pages.render(
                request, HttpStatus.OK, "alliance/join-pending", Pages.model("alliance", alliance));
    }

    @Get(CONFIRM + "{token}")
    HttpResponse<String> showConfirm(HttpRequest<?> request, String token) {
        return TokenPages.privately(confirmPage(request, token, confirmation.look(token)));
    }

    @Post(CONFIRM + "{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> doConfirm(HttpRequest<?> request, String token) {
        limits.require(
                RateLimits.Kind.CONFIRM, clientIp.hash(request), limits.config().confirmLimit());
        return TokenPages.privately(
                confirmPage(request, token, retried(() -> confirmation.confirm(token))));
    }

    private MutableHttpResponse<String> confirmPage(
            HttpRequest<?> request, String token, JoinConfirmation.Outcome outcome) {
        Locale locale = languages.resolveOrDefault(request);
        JoinDeclaration d = outcome.declaration();
        Map<String, Object> model = Pages.model("state", outcome.state().name());
        if (d != null) {
            model.put("alliance", outcome.alliance());
            model.put("declaration", d);
            model.put("described", describer.describe(d, locale));
            model.put("formPath", formPath(outcome.alliance()));
        }
        return switch (outcome.state()) {
            case UNKNOWN ->
                    pages.render(request, HttpStatus.NOT_FOUND, "alliance/join-link", model);
            case EXPIRED -> pages.render(request, HttpStatus.GONE, "alliance/join-link", model);
            case SHOW -> {
                model.put("token", token);
                yield pages.render(request, HttpStatus.OK, "alliance/join-confirm", model);
            }
            case ALREADY, CONFIRMED_NOW ->
                    pages.render(request, HttpStatus.OK, "alliance/join-confirmed", model);
        };
    }

    private MutableHttpResponse<String> form(
            HttpRequest<?> request,
            HttpStatus status,
            Alliance alliance,
            JoinForm form,
            Map<String, String> errors,
            List<?> candidates) {
        Locale locale = languages.resolveOrDefault(request);
        Map<String, Object> model =
                Pages.model(
                        "alliance",
                        alliance,
                        "form",
                        form,
                        "errors",
                        errors,
                        "fields",
                        JoinForm.FIELDS,
                        "candidates",
                        candidates,
                        "roles",
                        List.of(SignerRole.values()),
                        "countries",
                        countries(locale),
                        "organiser",
                        organisers.byId(alliance.organiserId()).orElseThrow(),
                        // a date field takes only an ISO date; anything else was refused anyway
                        "decidedOnValue",
                        form.decidedOn().matches("\\d{4}-\\d{2}-\\d{2}") ? form.decidedOn() : "");
        // the answer to a POST: its language switch leads to the form's GET address, at the form
        model.put("path", formPath(alliance));
        model.put("langAnchor", "#form");
        return pages.render(request, status, "alliance/join-form", model);
    }

    /** Two declarations of one address at once meet at its row lock; the loser simply retries. */
    private static <T> T retried(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= 3 || !Sql.isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    /** Sorted once per language (collating 250 names on every view costs). */
    private static final Map<Locale, List<Country>> COUNTRIES = new ConcurrentHashMap<>();

    static List<Country> countries(Locale locale) {
        return COUNTRIES.computeIfAbsent(
                locale,
                l -> {
                    Comparator<Country> byName =
                            Comparator.comparing(Country::name, Collator.getInstance(l));
                    Stream<Country> others =
                            Arrays.stream(Locale.getISOCountries())
                                    .filter(c -> !c.equals("DE"))
                                    .map(c -> new Country(c, Places.countryName(c, l)))
                                    .sorted(byName);
                    return Stream.concat(
                                    Stream.of(new Country("DE", Places.countryName("DE", l))),
                                    others)
                            .toList();
                });
    }
}
