package de.mitzeichnen.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log: who did what, to which organiser and appeal, when. Actions are UPPER_SNAKE_CASE
 * names (labels in the bundles as {@code audit.action.NAME}); details are a small map of strings,
 * numbers and booleans stored as JSON — never passwords or tokens.
 */
@Singleton
public class AuditLog {

    public static final int PAGE_SIZE = 50;
    private static final int MAX_EMAIL = 254;

    private final AuditRepository entries;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(AuditRepository entries, JsonMapper json, Clock clock) {
        this.entries = entries;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records one action, in the caller's transaction when there is one: an entry commits or rolls
     * back together with the change it records (callers record inside the service method that makes
     * the change).
     *
     * @param who who did it
     * @param action what, e.g. {@code APPEAL_PUBLISHED}
     * @param organiserId the organiser it concerns (its accounts see the entry), or null for
     *     platform matters
     * @param appealId the appeal it concerns, or null
     * @param details further facts; null values are left out
     */
    @Transactional
    public AuditEntry record(
            Actor who,
            String action,
            @Nullable Long organiserId,
            @Nullable Long appealId,
            Map<String, ?> details) {
        Map<String, Object> kept = new LinkedHashMap<>();
        details.forEach(
                (k, v) -> {
                    if (v != null) {
                        kept.put(k, v instanceof Enum<?> e ? e.name() : v);
                    }
                });
        String email =
                who.email().length() > MAX_EMAIL
                        ? who.email().substring(0, MAX_EMAIL)
                        : who.email();
        return entries.save(
                new AuditEntry(
                        null,
                        clock.instant(),
                        who.accountId(),
                        email,
                        action,
                        organiserId,
                        appealId,
                        kept.isEmpty() ? null : toJson(kept),
                        who.ipHash()));
    }

    public AuditEntry record(
            Actor who, String action, @Nullable Long organiserId, @Nullable Long appealId) {
        return record(who, action, organiserId, appealId, Map.of());
    }

    /** One page (0-based) of all entries, newest first. */
    public Page<AuditEntry> all(int page) {
        return entries.findAll(pageable(page));
    }

    /** One page (0-based) of an organiser's entries, newest first. */
    public Page<AuditEntry> ofOrganiser(long organiserId, int page) {
        return entries.findByOrganiserId(organiserId, pageable(page));
    }

    /** The latest {@code limit} entries about one appeal, newest first (the appeal's dashboard). */
    public List<AuditEntry> latestOfAppeal(long appealId, int limit) {
        return entries.findByAppealId(
                appealId, Pageable.from(0, limit, Sort.of(Sort.Order.desc("id"))));
    }

    private static Pageable pageable(int page) {
        return Pageable.from(Math.max(0, page), PAGE_SIZE, Sort.of(Sort.Order.desc("id")));
    }

    /** The details of an entry as a map, for display. */
    public Map<String, Object> details(AuditEntry entry) {
        if (entry.details() == null || entry.details().isBlank()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(entry.details(), Map.class);
            return map;
        } catch (IOException e) {
            return Map.of("details", entry.details());
        }
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
