package org.tollgate.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KdfSlotsTest {

    private static final int SLOTS = Runtime.getRuntime().availableProcessors();
    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);
    private final String hash = hasher.hash("correct horse");

    @Test
    void whenAHeldLoginHasCheckedItsPasswordThenItsSlotIsFreeForTheRestOfItsWork() {
        KdfSlots.hold(() -> {
            assertEquals(SLOTS - 1, KdfSlots.free(), "reserved before the transaction");
            assertTrue(hasher.verify("correct horse", hash));
            assertEquals(SLOTS, KdfSlots.free(), "given back when the check ended, before the commit");
            return null;
        });
        assertEquals(SLOTS, KdfSlots.free());
    }

    @Test
    void whenAHeldLoginChecksTwiceThenTheSecondCheckTakesAndReturnsASlotOfItsOwn() {
        KdfSlots.hold(() -> {
            hasher.verify("correct horse", hash);
            hasher.verify("wrong", hash);
            assertEquals(SLOTS, KdfSlots.free());
            return null;
        });
        assertEquals(SLOTS, KdfSlots.free());
    }

    @Test
    void whenTheHeldWorkFailsBeforeAnyCheckThenTheReservationIsGivenBack() {
        assertThrows(IllegalStateException.class, () -> KdfSlots.hold(() -> {
            throw new IllegalStateException("database away");
        }));
        assertEquals(SLOTS, KdfSlots.free());
    }
}
