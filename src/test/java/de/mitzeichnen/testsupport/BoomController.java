package de.mitzeichnen.testsupport;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** A route that fails, to see the 500 page; exists only in tests. */
@Requires(env = Environment.TEST)
@Controller("/test-only")
class BoomController {

    @Get("/boom")
    String boom() {
        throw new IllegalStateException("kaputt");
    }
}
