package org.tollgate.keys.control;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.threads.PeriodicTask;

/**
 * Rotates the signing key once it has been active for the configured interval. Every node runs the check;
 * the database lets only the first rotate a given key.
 */
public final class KeyRotationSchedule implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyRotationSchedule.class.getName());
    private static final Duration LONGEST_CHECK_INTERVAL = Duration.ofHours(1);

    private final KeyRing keyRing;
    private final Duration interval;
    private final Clock clock;
    private final PeriodicTask schedule;

    public KeyRotationSchedule(KeyRing keyRing, Duration interval, Clock clock) {
        this.keyRing = keyRing;
        this.interval = interval;
        this.clock = clock;
        long checkMillis = Math.max(1000, Math.min(interval.toMillis() / 4, LONGEST_CHECK_INTERVAL.toMillis()));
        this.schedule = PeriodicTask.start("tollgate-key-rotation", Duration.ofMillis(checkMillis), this::rotateIfDue);
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

    @Override
    public void close() {
        schedule.close();
    }
}
