package de.mitzeichnen.appeal;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Lets other features (counts, the sign form) add to an appeal's public page without the appeal
 * package knowing them: each {@link Contributor} puts its part into the page model.
 */
@Singleton
public class AppealPageExtensions {

    /** Adds model entries to an appeal's public page. */
    public interface Contributor {
        void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model);
    }

    private final List<Contributor> contributors;

    AppealPageExtensions(List<Contributor> contributors) {
        this.contributors = contributors;
    }

    public void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model) {
        contributors.forEach(c -> c.contribute(request, appeal, model));
    }
}
