package de.mitzeichnen.organiser;

import de.mitzeichnen.web.PublicCacheConfig;
import jakarta.inject.Singleton;
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

    Organisers(OrganiserRepository repository, PublicCacheConfig cache) {
        this.byId = cache.shortLived(repository::findById, 1_000);
    }

    public Optional<Organiser> byId(long id) {
        return byId.apply(id);
    }
}
