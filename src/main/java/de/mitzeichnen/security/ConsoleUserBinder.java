package de.mitzeichnen.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/** Lets console controllers take the signed-in {@link ConsoleUser} as a parameter. */
@Singleton
class ConsoleUserBinder implements TypedRequestArgumentBinder<ConsoleUser> {

    @Override
    public Argument<ConsoleUser> argumentType() {
        return Argument.of(ConsoleUser.class);
    }

    @Override
    public BindingResult<ConsoleUser> bind(ArgumentConversionContext<ConsoleUser> context, HttpRequest<?> source) {
        var user = source.getAttribute(ConsoleAccessFilter.USER, ConsoleUser.class);
        return () -> user;
    }
}
