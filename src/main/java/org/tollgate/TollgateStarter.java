package org.tollgate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.admin.ImportFile;
import org.tollgate.config.Settings;
import org.tollgate.persistence.DatabaseLocation;
import org.tollgate.persistence.DatabaseUnavailableException;
import org.tollgate.threads.OwnedThreads;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

/**
 * Starts Tollgate with its web application. A malformed import file fails the deployment at once (it is
 * read before the database is touched), and so does any other start failure, except one: a database
 * that cannot be reached, which may come back by itself. Then Tollgate logs that once, answers
 * temporarily_unavailable, and tries again from one daemon thread, waiting longer each time up to a
 * bound, until it starts or the application stops.
 */
public final class TollgateStarter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TollgateStarter.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final DatabaseLocation location;
    private final Function<Tollgate, AutoCloseable> onStart;
    private final OwnedThreads retryThreads;
    private final ScheduledExecutorService retries;
    private volatile Tollgate running;
    private AutoCloseable startedWithIt;
    private boolean closed;

    private TollgateStarter(Settings settings, DatabaseLocation location, Function<Tollgate, AutoCloseable> onStart,
                            String name) {
        this.settings = settings;
        this.location = location;
        this.onStart = onStart;
        // Hibernate, Flyway and Tomcat's JNDI look in the retry thread's context class loader
        this.retryThreads = new OwnedThreads("tollgate-start " + name, TollgateStarter.class.getClassLoader());
        this.retries = Executors.newSingleThreadScheduledExecutor(retryThreads);
    }

    /**
     * @param name the application's name, for the retry thread's name
     * @param onStart what starts with Tollgate and stops with it (its MBeans)
     */
    public static TollgateStarter start(Settings settings, String name, Function<Tollgate, AutoCloseable> onStart) {
        settings.find(Settings.IMPORT).map(Path::of).ifPresent(ImportFile::read);
        TollgateStarter starter = new TollgateStarter(settings, DatabaseLocation.of(settings), onStart, name);
        try {
            starter.attempt();
        } catch (DatabaseUnavailableException e) {
            LOG.log(Level.WARNING, e.getMessage() + ". The token endpoint answers 503 temporarily_unavailable"
                    + " until it can, and Tollgate tries again every " + LONGEST_RETRY.toSeconds() + " s at most.");
            starter.retryIn(FIRST_RETRY);
        } catch (RuntimeException e) {
            starter.close();
            throw e;
        }
        return starter;
    }

    /** The settings, readable before Tollgate has started. */
    public Settings settings() {
        return settings;
    }

    /** The running Tollgate; while it is not, a temporarily_unavailable answer for the client. */
    public Tollgate get() {
        Tollgate tollgate = running;
        if (tollgate == null) {
            throw new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "The service cannot reach its database; try again later");
        }
        return tollgate;
    }

    private void attempt() {
        Tollgate started = Tollgate.start(settings, location);
        synchronized (this) {
            if (closed) { // the application stopped while this attempt ran
                started.close();
                return;
            }
            try {
                startedWithIt = onStart.apply(started);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            running = started;
        }
    }

    private void retryIn(Duration delay) {
        retries.schedule(() -> retry(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry(Duration lastDelay) {
        try {
            attempt();
            retries.shutdown();
        } catch (DatabaseUnavailableException e) {
            LOG.fine(e::getMessage);
            Duration next = lastDelay.multipliedBy(2);
            retryIn(next.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : next);
        } catch (RuntimeException e) {
            if (isClosed()) {
                return; // stopped mid-attempt by the application's stop
            }
            LOG.log(Level.SEVERE, "Tollgate reached its database but cannot start: " + e.getMessage()
                    + ". The token endpoint answers 503 until the application is redeployed.", e);
            retries.shutdown();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (!retryThreads.stop(retries, STOP_TIMEOUT)) {
            LOG.warning("A start attempt is still running; it closes what it starts when it ends");
        }
        Tollgate tollgate;
        AutoCloseable withIt;
        synchronized (this) {
            tollgate = running;
            withIt = startedWithIt;
            running = null;
            startedWithIt = null;
        }
        try {
            if (withIt != null) {
                withIt.close();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot stop what started with Tollgate", e);
        } finally {
            if (tollgate != null) {
                tollgate.close();
            }
        }
    }
}
