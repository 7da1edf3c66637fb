package de.mitzeichnen.security;

import de.mitzeichnen.console.ConsoleUser;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets console controllers take the signed-in {@link ConsoleUser} (from the request's
 * Authentication) as a parameter.
 */
@Singleton
class ConsoleUserBinder implements TypedRequestArgumentBinder<ConsoleUser> {

    private final ClientIp clientIp;

    ConsoleUserBinder(ClientIp clientIp) {
        this.clientIp = clientIp;
    }

    @Override
    public Argument<ConsoleUser> argumentType() {
        return Argument.of(ConsoleUser.class);
    }

    @Override
    public BindingResult<ConsoleUser> bind(
            ArgumentConversionContext<ConsoleUser> context, HttpRequest<?> source) {
        Optional<ConsoleUser> user =
                source.getUserPrincipal(Authentication.class)
                        .flatMap(a -> Sessions.user(a, clientIp.hash(source)));
        return () -> user;
    }
}
