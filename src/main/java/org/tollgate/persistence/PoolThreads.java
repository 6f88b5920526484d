package org.tollgate.persistence;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the embedded pool's threads and, once the pool is closed, waits until they have ended: HikariCP's
 * close waits for its executors to terminate, but a terminated executor's last thread may still be alive
 * for a moment, which is when the server checks an undeployed application for threads it left running.
 */
final class PoolThreads implements ThreadFactory {

    private final String name;
    private final Set<Thread> made = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    PoolThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        made.removeIf(thread -> !thread.isAlive());
        Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        made.add(thread);
        return thread;
    }

    /** Waits, at most this long in all, for every thread made so far to end. */
    void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread thread : made) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                thread.join(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
