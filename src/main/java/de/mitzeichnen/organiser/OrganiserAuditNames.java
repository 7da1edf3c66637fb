package de.mitzeichnen.organiser;

import de.mitzeichnen.audit.AuditNames;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Organisation names for the audit pages. */
@Singleton
class OrganiserAuditNames implements AuditNames {

    private final OrganiserRepository organisers;

    OrganiserAuditNames(OrganiserRepository organisers) {
        this.organisers = organisers;
    }

    @Override
    public Subject subject() {
        return Subject.ORGANISER;
    }

    @Override
    public Optional<String> name(long id) {
        return organisers.findById(id).map(Organiser::name);
    }
}
