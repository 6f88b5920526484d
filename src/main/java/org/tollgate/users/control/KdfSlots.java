package org.tollgate.users.control;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One Argon2 computation per core at a time. Each holds its memory cost in heap (19 MiB at the default)
 * and keeps a core busy, so more at once adds no throughput, only heap: 32 concurrent logins would need
 * 600 MiB. The rest queue, in arrival order. A thread that holds a slot may enter again: a login takes
 * its slot before its transaction, so the logins that queue hold no database connection meanwhile.
 */
public final class KdfSlots {

    private static final Semaphore SLOTS = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    private static final ThreadLocal<Boolean> HELD = new ThreadLocal<>();

    private KdfSlots() {
    }

    public static <T> T hold(Supplier<T> work) {
        if (HELD.get() != null) {
            return work.get();
        }
        SLOTS.acquireUninterruptibly();
        HELD.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            HELD.remove();
            SLOTS.release();
        }
    }
}
