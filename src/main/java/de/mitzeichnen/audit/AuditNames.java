package de.mitzeichnen.audit;

import java.util.Optional;

/**
 * Names what audit entries refer to by id. The features that own organisations and appeals
 * implement it, so that the audit pages show names without knowing those features (they write audit
 * entries, so the audit feature must not depend on them).
 */
public interface AuditNames {

    /** What an entry can refer to besides its actor. */
    enum Subject {
        ORGANISER,
        APPEAL
    }

    Subject subject();

    /** The subject's current name or title, if it still exists. */
    Optional<String> name(long id);
}
