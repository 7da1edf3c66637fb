package de.mitzeichnen.web;

import de.mitzeichnen.config.MitzeichnenConfig;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * What every page's layout needs: language, the current path for the language switch, footer links,
 * formats, and, on console pages, the form token ({@code csrfToken}, for the action URL of every
 * console form).
 */
@Singleton
public class PageModel implements ViewModelProcessor<Map<String, Object>> {

    /** The request attribute under which the form-token filter leaves the visitor's token. */
    public static final String CSRF_TOKEN_ATTRIBUTE = "mitzeichnen.csrfToken";

    private final Languages languages;
    private final MitzeichnenConfig config;
    private final Clock clock;
    private final Texts texts;

    private final String statementUrl;
    private final String dgsVideoUrl;

    PageModel(
            Languages languages,
            MitzeichnenConfig config,
            Clock clock,
            Texts texts,
            @Value("${mitzeichnen.accessibility.statement-url:}") String statementUrl,
            @Value("${mitzeichnen.accessibility.dgs-video-url:}") String dgsVideoUrl) {
        this.statementUrl = statementUrl.strip();
        this.dgsVideoUrl = dgsVideoUrl.strip();
        this.languages = languages;
        this.config = config;
        this.clock = clock;
        this.texts = texts;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        modelAndView
                .getModel()
                .ifPresent(
                        model -> {
                            Locale locale = languages.resolveOrDefault(request);
                            model.putIfAbsent("lang", locale.getLanguage());
                            model.putIfAbsent("path", switchPath(request.getPath()));
                            model.putIfAbsent("imprintUrl", config.getImprintUrl());
                            model.putIfAbsent("privacyUrl", config.getPrivacyUrl());
                            model.putIfAbsent("statementUrl", statementUrl);
                            model.putIfAbsent("dgsVideoUrl", dgsVideoUrl);
                            model.putIfAbsent("fmt", new Formats(locale, clock, texts));
                            model.putIfAbsent("plural", texts.plurals(locale));
                            model.putIfAbsent("langAnchor", "");
                            model.putIfAbsent(
                                    "csrfToken",
                                    request.getAttribute(CSRF_TOKEN_ATTRIBUTE, String.class)
                                            .orElse(""));
                        });
    }

    /**
     * The path the language links point to: one leading slash and only the characters our own
     * routes use, so a request such as {@code //evil.example/} never turns into a link to another
     * site; anything else links home.
     */
    static String switchPath(String path) {
        String p = path == null ? "/" : path.replaceAll("/{2,}", "/");
        return p.startsWith("/")
                        && p.matches("[A-Za-z0-9/_.~%-]*")
                        && !p.contains("%2F")
                        && !p.contains("%2f")
                        && !p.contains("%5C")
                        && !p.contains("%5c")
                ? p
                : "/";
    }
}
