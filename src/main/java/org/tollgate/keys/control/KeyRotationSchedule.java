package org.tollgate.keys.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.threads.OwnedThreads;

/**
 * Rotates the signing key once it has been active for the configured interval. Every node runs the check;
 * the database lets only the first rotate a given key.
 */
public final class KeyRotationSchedule implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyRotationSchedule.class.getName());
    private static final Duration LONGEST_CHECK_INTERVAL = Duration.ofHours(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final KeyRing keyRing;
    private final Duration interval;
    private final Clock clock;
    private final OwnedThreads threads = new OwnedThreads("tollgate-key-rotation");
    private final ScheduledExecutorService executor;

    public KeyRotationSchedule(KeyRing keyRing, Duration interval, Clock clock) {
        this.keyRing = keyRing;
        this.interval = interval;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(threads);
        long checkMillis = Math.max(1000, Math.min(interval.toMillis() / 4, LONGEST_CHECK_INTERVAL.toMillis()));
        executor.scheduleWithFixedDelay(this::rotateIfDue, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Signing keys rotate every " + interval);
    }

    /** Parses the signing.rotation setting: an ISO-8601 duration (P30D) or a number of seconds. */
    public static Duration parseInterval(String value) {
        try {
            Duration interval = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
            if (!interval.isNegative() && !interval.isZero()) {
                return interval;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new IllegalStateException("Setting 'signing.rotation' must be a positive number of seconds or an"
                + " ISO-8601 duration such as P30D, not '" + value + "'");
    }

    void rotateIfDue() {
        try {
            if (!keyRing.activeSince().plus(interval).isAfter(clock.instant())) {
                String previous = keyRing.activeKid();
                String now = keyRing.rotateIfStillActive(previous);
                LOG.info(() -> "Scheduled rotation: signing key " + previous + " replaced by " + now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scheduled key rotation failed; will try again", e);
        }
    }

    /** Waits (briefly) for the thread to end, so that undeploy leaves no Tollgate thread behind. */
    @Override
    public void close() {
        if (!threads.stop(executor, STOP_TIMEOUT)) {
            LOG.warning(() -> "The key rotation thread did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }
}
