package org.tollgate.threads;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes Tollgate's daemon threads ({@code name-1}, {@code name-2}, ...) and waits until they have ended. An
 * executor counts as terminated while its last thread is still running its final steps; the server checks an
 * undeployed application for live threads right after it stops, so stopping must wait for the threads
 * themselves, not only for the executor.
 */
public final class OwnedThreads implements ThreadFactory {

    private final String name;
    private final ClassLoader contextClassLoader;
    private final Set<Thread> made = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    public OwnedThreads(String name) {
        this(name, null);
    }

    /** @param contextClassLoader the threads' context class loader, or null for the creating thread's */
    public OwnedThreads(String name, ClassLoader contextClassLoader) {
        this.name = name;
        this.contextClassLoader = contextClassLoader;
    }

    @Override
    public Thread newThread(Runnable task) {
        made.removeIf(thread -> !thread.isAlive());
        Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        if (contextClassLoader != null) {
            thread.setContextClassLoader(contextClassLoader);
        }
        made.add(thread);
        return thread;
    }

    /**
     * Interrupts the executor's tasks and waits, at most this long in all, until its threads have ended.
     *
     * @return whether they all ended in time
     */
    public boolean stop(ExecutorService executor, Duration timeout) {
        executor.shutdownNow();
        return awaitStopped(executor, timeout);
    }

    /**
     * Lets a running task finish, uninterrupted, cancels the ones scheduled later, and waits, at most this long
     * in all, until the executor's threads have ended.
     *
     * @return whether they all ended in time
     */
    public boolean finish(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        return awaitStopped(executor, timeout);
    }

    private boolean awaitStopped(ExecutorService executor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    && awaitEnd(Duration.ofNanos(deadline - System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits, at most this long in all, for every thread made so far to end.
     *
     * @return whether they all ended in time
     */
    public boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread thread : made) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return made.stream().noneMatch(Thread::isAlive);
    }
}
