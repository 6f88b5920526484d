package org.tollgate.threads;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A task that runs on a thread of its own ({@code name-1}) at a fixed delay until closed. Closing lets a run
 * in progress finish uninterrupted: the tasks write to the database, and an interrupt mid-write can close
 * the embedded H2's file.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final OwnedThreads threads;
    private final ScheduledExecutorService executor;

    private PeriodicTask(String name) {
        this.name = name;
        this.threads = new OwnedThreads(name);
        this.executor = Executors.newSingleThreadScheduledExecutor(threads);
    }

    /** Runs the task every {@code interval}, the first time one interval from now. */
    public static PeriodicTask start(String name, Duration interval, Runnable task) {
        PeriodicTask periodic = new PeriodicTask(name);
        periodic.executor.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return periodic;
    }

    /** Waits (briefly) for the thread to end, so that undeploy leaves no Tollgate thread behind. */
    @Override
    public void close() {
        if (!threads.finish(executor, STOP_TIMEOUT)) {
            LOG.warning(() -> "The " + name + " thread did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }
}
