package org.tollgate.users.control;

import org.tollgate.config.Settings;

/**
 * How long a subject is locked after its n-th failure in a window: nothing for the first few, then a
 * delay that doubles with each failure, then the full lock once the limit is reached.
 */
public record ThrottlePolicy(int delayAfter, int maxFailures, long windowSeconds, long lockSeconds) {

    public static ThrottlePolicy forUsers(Settings settings) {
        return of(settings, Settings.BRUTE_FORCE_MAX_FAILURES);
    }

    public static ThrottlePolicy forAddresses(Settings settings) {
        return of(settings, Settings.BRUTE_FORCE_ADDRESS_MAX_FAILURES);
    }

    private static ThrottlePolicy of(Settings settings, String maxFailures) {
        return new ThrottlePolicy((int) settings.getPositive(Settings.BRUTE_FORCE_DELAY_AFTER),
                (int) settings.getPositive(maxFailures), settings.getSeconds(Settings.BRUTE_FORCE_WINDOW),
                settings.getSeconds(Settings.BRUTE_FORCE_LOCK));
    }

    public long lockSeconds(int failures) {
        if (failures >= maxFailures) {
            return lockSeconds;
        }
        if (failures <= delayAfter) {
            return 0;
        }
        int doublings = Math.min(failures - delayAfter - 1, 30);
        return Math.min(lockSeconds, 1L << doublings);
    }
}
