package org.tollgate.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class OwnedThreadsTest {

    @Test
    void threadsAreNumberedDaemonsWithTheGivenContextClassLoader() throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[0]);
        OwnedThreads factory = new OwnedThreads("tollgate-test", loader);
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertEquals(List.of("tollgate-test-1", "tollgate-test-2"), List.of(first.getName(), second.getName()));
        assertTrue(first.isDaemon());
        assertEquals(loader, first.getContextClassLoader());
    }

    /** The server looks for live threads right after the application stops; none of ours may be there. */
    @RepeatedTest(20)
    void whenStoppedThenEveryThreadHasEnded() throws Exception {
        OwnedThreads factory = new OwnedThreads("tollgate-test");
        List<Thread> running = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = factory.newThread(task);
            running.add(thread);
            return thread;
        });
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertTrue(factory.stop(executor, Duration.ofSeconds(10)));

        assertEquals(2, running.size());
        running.forEach(thread -> assertFalse(thread.isAlive(), thread.getName() + " still runs"));
    }

    @Test
    void whenAThreadIgnoresTheInterruptThenStopReportsIt() throws Exception {
        OwnedThreads factory = new OwnedThreads("tollgate-test");
        ExecutorService executor = Executors.newSingleThreadExecutor(factory);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException ignored) {
                    // keeps running, as a stuck JDBC call would
                }
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertFalse(factory.stop(executor, Duration.ofMillis(200)));

        release.countDown();
        assertTrue(factory.awaitEnd(Duration.ofSeconds(10)));
    }

    @Test
    void whenFinishedThenTheRunningTaskCompletesUninterruptedAndLaterRunsAreCancelled() throws Exception {
        OwnedThreads factory = new OwnedThreads("tollgate-test");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(factory);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean interrupted = new AtomicBoolean();
        executor.scheduleWithFixedDelay(() -> {
            runs.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS); // the first run lasts until finish() has begun
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        CompletableFuture<Boolean> finished = CompletableFuture.supplyAsync(
                () -> factory.finish(executor, Duration.ofSeconds(10)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!executor.isShutdown() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        release.countDown();

        assertTrue(finished.get(20, TimeUnit.SECONDS));

        assertFalse(interrupted.get(), "the running task was interrupted");
        assertEquals(1, runs.get());
        assertTrue(factory.awaitEnd(Duration.ZERO));
    }
}
