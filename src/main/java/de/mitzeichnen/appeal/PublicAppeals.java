package de.mitzeichnen.appeal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.mitzeichnen.organiser.Organiser;
import de.mitzeichnen.organiser.Organisers;
import de.mitzeichnen.web.Markdown;
import de.mitzeichnen.web.PublicCacheConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the public may see of appeals: everything but drafts; archived ones only by their address.
 */
@Singleton
public class PublicAppeals {

    private final AppealRepository appeals;
    private final Organisers organiserLookup;
    private final Markdown markdown;
    private final Clock clock;

    /**
     * Appeals by slug, as stale as a rendered page may be: every sign submission and public answer
     * looks its appeal up, and the row changes only when the organiser edits it.
     */
    private final Function<String, Optional<Appeal>> bySlug;

    /**
     * Safe HTML per appeal text: the text changes only with a new version, Markdown and sanitising
     * are costly.
     */
    private final Cache<String, String> bodies = Caffeine.newBuilder().maximumSize(200).build();

    PublicAppeals(
            AppealRepository appeals,
            Organisers organiserLookup,
            Markdown markdown,
            PublicCacheConfig cache,
            Clock clock) {
        this.appeals = appeals;
        this.organiserLookup = organiserLookup;
        this.bySlug = cache.shortLived(appeals::findBySlug, 1_000);
        this.markdown = markdown;
        this.clock = clock;
    }

    /** One line of the start page. */
    public record Summary(
            String slug,
            String title,
            String addressee,
            String organiserName,
            Instant opensAt,
            Instant deadline,
            boolean upcoming) {}

    /**
     * The start page: open appeals by nearest deadline, then closed ones, most recently closed
     * first.
     */
    public record Overview(List<Summary> open, List<Summary> closed) {}

    /** An appeal as its public page shows it. */
    public record Page(
            Appeal appeal,
            Organiser organiser,
            String bodyHtml,
            AppealStatus status,
            boolean acceptsSignatures,
            boolean upcoming) {}

    public Overview overview() {
        Instant now = clock.instant();
        List<Appeal> listed =
                appeals.findByStatusInOrderByDeadlineAsc(
                        EnumSet.of(AppealStatus.OPEN, AppealStatus.CLOSED));
        Map<Long, Organiser> byId =
                organiserLookup.all().stream()
                        .collect(Collectors.toMap(Organiser::id, Function.identity()));
        List<Summary> open =
                listed.stream()
                        .filter(a -> a.statusAt(now) == AppealStatus.OPEN)
                        .map(a -> summary(a, byId, now))
                        .toList();
        List<Summary> closed =
                listed.stream()
                        .filter(a -> a.statusAt(now) == AppealStatus.CLOSED)
                        .sorted(Comparator.comparing(Appeal::deadline).reversed())
                        .map(a -> summary(a, byId, now))
                        .toList();
        return new Overview(open, closed);
    }

    private static Summary summary(Appeal a, Map<Long, Organiser> organisers, Instant now) {
        Organiser o = organisers.get(a.organiserId());
        return new Summary(
                a.slug(),
                a.title(),
                a.addressee(),
                o == null ? "" : o.name(),
                a.opensAt(),
                a.signingEnd(),
                a.upcomingAt(now));
    }

    /** The public page of an appeal; empty for unknown slugs and drafts. */
    public Optional<Page> page(String slug) {
        Instant now = clock.instant();
        return publicAppeal(slug)
                .map(
                        a ->
                                new Page(
                                        a,
                                        organiserLookup.byId(a.organiserId()).orElseThrow(),
                                        bodies.get(a.bodyMarkdown(), markdown::toSafeHtml),
                                        a.statusAt(now),
                                        a.acceptsSignatures(now),
                                        a.upcomingAt(now)));
    }

    /** The appeal behind a public slug, for the features that hang off the public page. */
    public Optional<Appeal> publicAppeal(String slug) {
        if (slug == null || slug.isEmpty() || slug.length() > MAX_SLUG_LENGTH) {
            return Optional.empty();
        }
        // exactly this slug: the collation ignores case and trailing spaces ("slug%20" must not
        // find "slug")
        return bySlug.apply(slug).filter(a -> a.slug().equals(slug)).filter(Appeal::isPublic);
    }

    /**
     * The public ones among these appeals (drafts left out), in no particular order: for another
     * feature's page that lists appeals it knows by id (an alliance's appeals).
     */
    public List<Appeal> publicByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return appeals.findByIdIn(ids).stream().filter(Appeal::isPublic).toList();
    }

    private static final int MAX_SLUG_LENGTH = 200;
}
