package org.tollgate.token.control;

import java.time.Duration;
import java.time.Instant;

/**
 * How long after a rotation the immediately previous refresh token may be presented once more, for a
 * client whose answer was lost on the way (as Hydra and Connect2id allow). Zero, the default, turns it off.
 */
public record RefreshGrace(Duration window) {

    /** @param value seconds, or an ISO-8601 duration such as {@code PT30S}; zero or more */
    public static RefreshGrace parse(String setting, String value) {
        try {
            Duration window = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
            if (!window.isNegative()) {
                return new RefreshGrace(window);
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new IllegalStateException("Setting '" + setting + "' must be a number of seconds or an ISO-8601"
                + " duration such as PT30S (PT0S: off), not '" + value + "'");
    }

    public boolean isOn() {
        return !window.isZero();
    }

    /** Whether a token rotated at {@code rotatedAt} is still inside the window at {@code now}. */
    public boolean covers(Instant rotatedAt, Instant now) {
        return isOn() && now.isBefore(rotatedAt.plus(window));
    }
}
