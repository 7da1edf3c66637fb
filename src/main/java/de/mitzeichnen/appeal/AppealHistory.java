package de.mitzeichnen.appeal;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Shows on an appeal's public page how its text changed, once it has changed at all. */
@Singleton
class AppealHistory implements AppealPageExtensions.Contributor {

    private final AppealVersions versions;

    AppealHistory(AppealVersions versions) {
        this.versions = versions;
    }

    @Override
    public void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model) {
        List<AppealVersion> history = versions.history(appeal.id());
        if (history.size() > 1) {
            model.put("history", history);
        }
    }
}
