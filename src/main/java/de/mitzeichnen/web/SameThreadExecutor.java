package de.mitzeichnen.web;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The executor of routes answered from {@link RenderCache}
 * ({@code @ExecuteOn(RenderCache.ON_EVENT_LOOP)}): it runs the route on the thread that received
 * the request. Every other route runs on the blocking pool ({@code thread-selection: BLOCKING});
 * for a cached answer the hand-over to that pool cost more than the answer, while a render still
 * goes to the blocking pool.
 */
@Factory
class SameThreadExecutor {

    @Singleton
    @Named(RenderCache.ON_EVENT_LOOP)
    ExecutorService sameThread() {
        return new AbstractExecutorService() {
            private volatile boolean shutdown;

            @Override
            public void execute(Runnable command) {
                command.run();
            }

            @Override
            public void shutdown() {
                shutdown = true;
            }

            @Override
            public List<Runnable> shutdownNow() {
                shutdown = true;
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return shutdown;
            }

            @Override
            public boolean isTerminated() {
                return shutdown;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
    }
}
