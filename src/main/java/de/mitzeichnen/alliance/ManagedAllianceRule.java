package de.mitzeichnen.alliance;

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
 * "Only this organisation's alliances", decided once for every console route under {@value #PREFIX}
 * (as {@code appeal.ManagedAppealRule} does for appeals): the route's {@code {id}} names the
 * alliance; an organiser account of another organisation is refused (403) before any controller
 * runs. It only ever refuses: what a role may do is still up to {@code @Secured}.
 */
@Singleton
class ManagedAllianceRule implements SecurityRule<HttpRequest<?>> {

    static final String PREFIX = "/verwaltung/buendnisse/";

    private final AllianceRepository alliances;
    private final ExecutorService blocking;

    ManagedAllianceRule(
            AllianceRepository alliances, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.alliances = alliances;
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
        if (me.isEmpty() || id == null) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        // the database is asked on the blocking pool, never on the event loop
        return Publishers.fromCompletableFuture(
                CompletableFuture.supplyAsync(
                        () -> {
                            Optional<Alliance> alliance =
                                    parse(id.toString()).flatMap(alliances::findById);
                            return alliance.isPresent()
                                            && !me.get().mayManage(alliance.get().organiserId())
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
