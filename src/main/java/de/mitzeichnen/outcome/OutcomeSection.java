package de.mitzeichnen.outcome;

import de.mitzeichnen.appeal.Appeal;
import de.mitzeichnen.appeal.AppealPageExtensions;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Shows on an appeal's public page how it was handed over and what the addressee answered, once
 * recorded.
 */
@Singleton
class OutcomeSection implements AppealPageExtensions.Contributor {

    private final Outcomes outcomes;

    OutcomeSection(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void contribute(HttpRequest<?> request, Appeal appeal, Map<String, Object> model) {
        Map<OutcomeKind, PublicOutcome> shown = outcomes.publicOf(appeal);
        if (!shown.isEmpty()) {
            model.put("handover", shown.get(OutcomeKind.HANDOVER));
            model.put("answer", shown.get(OutcomeKind.ANSWER));
        }
    }
}
