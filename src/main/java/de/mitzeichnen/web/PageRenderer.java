package de.mitzeichnen.web;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a page to a complete response with any status. Every page goes through here: rendering to
 * a string first means a template error becomes the 500 page instead of a half-written response,
 * and exception handlers (whose ModelAndView bodies the views filter does not see) can render pages
 * too.
 */
@Singleton
public class PageRenderer {

    static final String OWN_NOT_FOUND_PAGE = "mitzeichnen.ownNotFoundPage";

    private final ViewsRenderer<Map<String, Object>, HttpRequest<?>> renderer;
    private final PageModel pageModel;

    static {
        RecordPropertyAccessor.install();
    }

    PageRenderer(ViewsRenderer<Map<String, Object>, HttpRequest<?>> renderer, PageModel pageModel) {
        this.renderer = renderer;
        this.pageModel = pageModel;
    }

    public MutableHttpResponse<String> render(
            HttpRequest<?> request, HttpStatus status, String view, Map<String, Object> model) {
        pageModel.process(request, new ModelAndView<>(view, model));
        Writable writable = renderer.render(view, model, request);
        StringWriter out = new StringWriter();
        try {
            writable.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MutableHttpResponse<String> response =
                HttpResponse.<String>status(status)
                        .contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                        .body(out.toString());
        if (status == HttpStatus.NOT_FOUND) {
            // Micronaut hands every 404 to the global status handler, which would put the generic
            // page in place
            // of this one (e.g. the page for an unknown confirmation link); ErrorPages returns this
            // instead.
            request.setAttribute(OWN_NOT_FOUND_PAGE, response);
        }
        return response;
    }
}
