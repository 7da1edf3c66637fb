package de.mitzeichnen.web;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor of routes answered from {@link RenderCache}
 * ({@code @ExecuteOn(RenderCache.ON_EVENT_LOOP)}): it runs the route on the thread that received
 * the request. Every other route runs on the blocking pool ({@code thread-selection: BLOCKING});
 * for a cached answer the hand-over to that pool cost more than the answer, while a render still
 * goes to the blocking pool. A thread pool that never starts a thread, so that the executor metrics
 * know its kind.
 */
@Factory
class SameThreadExecutor {

    @Singleton
    @Named(RenderCache.ON_EVENT_LOOP)
    ExecutorService sameThread() {
        return new ThreadPoolExecutor(0, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>()) {
            @Override
            public void execute(Runnable command) {
                command.run();
            }
        };
    }
}
