package de.mitzeichnen.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Everything outside the console is public (its POSTs are checked by {@link CrossSiteFilter});
 * under /verwaltung only what {@code @Secured} allows (a console route without it is refused, so a
 * new one cannot be left open by mistake). Runs after the annotation rule.
 */
@Singleton
class PublicPagesRule implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(
            @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        boolean console =
                request != null
                        && (request.getPath().equals(Sessions.PATH)
                                || request.getPath().startsWith(Sessions.PATH + "/"));
        // A signed-in account gets the 404 page for an unknown console address; anonymous visitors
        // the login.
        boolean unknownRoute = request != null && RouteAttributes.getRouteMatch(request).isEmpty();
        return Publishers.just(
                !console || (authentication != null && unknownRoute)
                        ? SecurityRuleResult.ALLOWED
                        : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER + 100;
    }
}
