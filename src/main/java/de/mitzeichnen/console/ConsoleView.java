package de.mitzeichnen.console;

import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Texts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;

/**
 * Renders console pages: every one knows who is signed in ({@code me}) for the console's
 * navigation.
 */
@Singleton
public class ConsoleView {

    private final PageRenderer pages;
    private final Languages languages;
    private final Texts texts;

    ConsoleView(PageRenderer pages, Languages languages, Texts texts) {
        this.pages = pages;
        this.languages = languages;
        this.texts = texts;
    }

    public MutableHttpResponse<String> render(
            HttpRequest<?> request,
            ConsoleUser me,
            HttpStatus status,
            String view,
            Map<String, Object> model) {
        model.put("me", me);
        return pages.render(request, status, view, model);
    }

    /**
     * Adds a form's messages in the reader's language: {@code errors} per field and {@code error}
     * overall.
     */
    public Map<String, Object> withErrors(
            HttpRequest<?> request, Map<String, Object> model, FormErrors errors) {
        Locale locale = locale(request);
        model.put("errors", errors.localized(texts, locale));
        model.put("error", errors.general(texts, locale));
        return model;
    }

    public Locale locale(HttpRequest<?> request) {
        return languages.resolveOrDefault(request);
    }

    public String text(HttpRequest<?> request, String key, Object... args) {
        return texts.get(locale(request), key, args);
    }
}
