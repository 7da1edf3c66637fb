package de.mitzeichnen.testsupport;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
class TestClockFactory {

    @Singleton
    @Primary
    @Replaces(Clock.class)
    TestClock testClock() {
        return new TestClock();
    }
}
