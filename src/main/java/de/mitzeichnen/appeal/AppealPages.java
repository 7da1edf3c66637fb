package de.mitzeichnen.appeal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.mitzeichnen.web.Languages;
import de.mitzeichnen.web.NotFoundException;
import de.mitzeichnen.web.PageModel;
import de.mitzeichnen.web.PageRenderer;
import de.mitzeichnen.web.Pages;
import de.mitzeichnen.web.RenderCache;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The public pages: the list of appeals and each appeal. */
@Controller
@Produces(MediaType.TEXT_HTML)
class AppealPages {

    /**
     * Stands for the visitor's form token in the shared render of an appeal page; each answer puts the visitor's
     * own token in its place. Once the sign form carries no token, the page has no such slot and is shared as is.
     */
    static final String TOKEN_SLOT = "mz-form-token-slot-5f0c2a";
    private static final byte[] SLOT = TOKEN_SLOT.getBytes(StandardCharsets.US_ASCII);
    /** Where the slot lies in a cached render (by identity of its bytes), so that an answer need not search. */
    private static final Cache<byte[], Integer> SLOT_AT = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

    private final PublicAppeals appeals;
    private final AppealPageExtensions extensions;
    private final PageRenderer pages;
    private final RenderCache cache;
    private final Languages languages;

    AppealPages(PublicAppeals appeals, AppealPageExtensions extensions, PageRenderer pages, RenderCache cache,
                Languages languages) {
        this.appeals = appeals;
        this.extensions = extensions;
        this.pages = pages;
        this.cache = cache;
        this.languages = languages;
    }

    @Get("/")
    HttpResponse<String> index(HttpRequest<?> request) {
        PublicAppeals.Overview overview = appeals.overview();
        return pages.render(request, HttpStatus.OK, "index",
                Pages.model("open", overview.open(), "closed", overview.closed()));
    }

    /**
     * The appeal page, rendered at most once per appeal and language within the render cache's TTL: a burst of
     * readers costs one render (map, counts, lists, text), each answer only the copy of the bytes.
     */
    @Get("/aufrufe/{slug}")
    CompletableFuture<MutableHttpResponse<byte[]>> appeal(HttpRequest<?> request, String slug) {
        String language = languages.resolveOrDefault(request).getLanguage();
        String token = request.getAttribute(PageModel.CSRF_TOKEN_ATTRIBUTE, String.class).orElse("");
        return cache.respond("appeal:" + slug + ":" + language, () -> {
            PublicAppeals.Page page = appeals.page(slug).orElseThrow(NotFoundException::new);
            Map<String, Object> model = Pages.model("page", page, "appeal", page.appeal(),
                    "organiser", page.organiser(), "csrfToken", TOKEN_SLOT);
            extensions.contribute(request, page.appeal(), model);
            return RenderCache.Rendered.of(pages.render(request, HttpStatus.OK, "appeal", model));
        }).thenApply(response -> withToken(response, token));
    }

    /** Puts the visitor's token into its slot; the answer then differs per visitor and loses the shared ETag. */
    private static MutableHttpResponse<byte[]> withToken(MutableHttpResponse<byte[]> response, String token) {
        byte[] body = response.body();
        int at = body == null ? -1 : SLOT_AT.get(body, b -> indexOf(b, SLOT));
        if (at < 0) {
            return response;
        }
        byte[] value = token.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length - SLOT.length + value.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(value, 0, out, at, value.length);
        System.arraycopy(body, at + SLOT.length, out, at + value.length, body.length - at - SLOT.length);
        response.getHeaders().remove(HttpHeaders.ETAG);
        return response.body(out);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
