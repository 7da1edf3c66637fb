package de.mitzeichnen.appeal;

import de.mitzeichnen.audit.AuditNames;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Appeal titles for the audit pages. */
@Singleton
class AppealAuditNames implements AuditNames {

    private final AppealRepository appeals;

    AppealAuditNames(AppealRepository appeals) {
        this.appeals = appeals;
    }

    @Override
    public Subject subject() {
        return Subject.APPEAL;
    }

    @Override
    public Optional<String> name(long id) {
        return appeals.findById(id).map(Appeal::title);
    }
}
