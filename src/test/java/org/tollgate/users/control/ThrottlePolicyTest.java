package org.tollgate.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThrottlePolicyTest {

    private final ThrottlePolicy policy = new ThrottlePolicy(3, 10, 900, 300);

    @Test
    void whenFewFailuresThenNoDelay() {
        assertEquals(0, policy.lockSeconds(1));
        assertEquals(0, policy.lockSeconds(3));
    }

    @Test
    void whenFailuresGrowThenTheDelayDoubles() {
        assertEquals(1, policy.lockSeconds(4));
        assertEquals(2, policy.lockSeconds(5));
        assertEquals(4, policy.lockSeconds(6));
        assertEquals(32, policy.lockSeconds(9));
    }

    @Test
    void whenTheLimitIsReachedThenTheFullLockApplies() {
        assertEquals(300, policy.lockSeconds(10));
        assertEquals(300, policy.lockSeconds(1000));
    }

    @Test
    void whenTheDelayWouldExceedTheLockThenTheLockCapsIt() {
        assertEquals(5, new ThrottlePolicy(1, 50, 900, 5).lockSeconds(40));
    }
}
