package de.mitzeichnen.organiser;

import de.mitzeichnen.web.PublicCacheConfig;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Organisers by id for the hot paths (the public page, every signing mail): each submission used to
 * read the same row twice. Kept as long as a rendered public page, since an organiser's name
 * changes rarely and a page may show it that stale anyway.
 */
@Singleton
public class Organisers {

    private final Function<Long, Optional<Organiser>> byId;
    private final OrganiserRepository repository;

    Organisers(OrganiserRepository repository, PublicCacheConfig cache) {
        this.repository = repository;
        this.byId = cache.shortLived(repository::findById, 1_000);
    }

    /** Every organisation by name, for a platform admin's choice in another feature's form. */
    public List<Organiser> all() {
        return repository.findAll().stream()
                .sorted(Comparator.comparing(Organiser::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public Optional<Organiser> byId(long id) {
        return byId.apply(id);
    }
}
