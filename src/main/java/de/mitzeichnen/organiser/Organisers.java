package de.mitzeichnen.organiser;

import de.mitzeichnen.web.PublicCacheConfig;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The organiser feature's read API for other features. Organisers by id for the hot paths (the
 * public page, every signing mail): each submission used to read the same row twice. Kept as long
 * as a rendered public page, since an organiser's name changes rarely and a page may show it that
 * stale anyway.
 */
@Singleton
public class Organisers {

    private final OrganiserRepository repository;
    private final Function<Long, Optional<Organiser>> byId;

    Organisers(OrganiserRepository repository, PublicCacheConfig cache) {
        this.repository = repository;
        this.byId = cache.shortLived(repository::findById, 1_000);
    }

    /** The organiser, possibly as stale as a rendered public page. */
    public Optional<Organiser> byId(long id) {
        return byId.apply(id);
    }

    /** The organiser as stored now: for console pages and anything that writes. */
    public Optional<Organiser> current(long id) {
        return repository.findById(id);
    }

    /** All organisers, by name. */
    public List<Organiser> all() {
        List<Organiser> all = new ArrayList<>();
        repository.findAll().forEach(all::add);
        all.sort(Comparator.comparing(Organiser::name, String.CASE_INSENSITIVE_ORDER));
        return all;
    }

    /**
     * The organiser of this name, stored as given when there is none yet: for the demo data of a
     * development start and for test fixtures; platform admins create organisers in the console.
     */
    public Organiser seed(Organiser organiser) {
        return repository.findByName(organiser.name()).orElseGet(() -> repository.save(organiser));
    }
}
