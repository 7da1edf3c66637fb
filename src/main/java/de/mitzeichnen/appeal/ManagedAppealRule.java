package de.mitzeichnen.appeal;

import de.mitzeichnen.console.ConsoleUser;
import de.mitzeichnen.security.Sessions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * "Only this organisation's appeals", decided once for every console route under {@value #PREFIX}:
 * the route's {@code {id}} or {@code {slug}} names the appeal; an organiser account of another
 * organisation is refused (403) before any controller runs. It only ever refuses: what a role may
 * do is still up to {@code @Secured}.
 */
@Singleton
class ManagedAppealRule implements SecurityRule<HttpRequest<?>> {

    static final String PREFIX = "/verwaltung/aufrufe/";

    private final AppealRepository appeals;
    private final ExecutorService blocking;

    ManagedAppealRule(
            AppealRepository appeals, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.appeals = appeals;
        this.blocking = blocking;
    }

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || authentication == null || !request.getPath().startsWith(PREFIX)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        Optional<ConsoleUser> me = Sessions.user(authentication, null);
        Map<String, Object> variables =
                RouteAttributes.getRouteMatch(request)
                        .filter(UriRouteMatch.class::isInstance)
                        .map(m -> ((UriRouteMatch<?, ?>) m).getVariableValues())
                        .orElse(Map.of());
        Object id = variables.get("id");
        Object slug = variables.get("slug");
        if (me.isEmpty() || (id == null && slug == null)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        // The database is asked on the blocking pool, never on the event loop.
        return Publishers.fromCompletableFuture(
                CompletableFuture.supplyAsync(
                        () -> {
                            Optional<Appeal> appeal =
                                    id != null
                                            ? parse(id.toString()).flatMap(appeals::findById)
                                            : appeals.findBySlug(slug.toString());
                            return appeal.isPresent()
                                            && !me.get().mayManage(appeal.get().organiserId())
                                    ? SecurityRuleResult.REJECTED
                                    : SecurityRuleResult.UNKNOWN;
                        },
                        blocking));
    }

    private static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 100;
    }
}
