package org.tollgate.users.control;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Argon2 computation per core at a time. Each holds its memory cost in heap (19 MiB at the default)
 * and keeps a core busy, so more at once adds no throughput, only heap: 32 concurrent logins would need
 * 600 MiB. The rest queue, in arrival order. A thread that holds a slot may enter again: a login takes
 * its slot before its transaction, so the logins that queue hold no database connection meanwhile.
 */
public final class KdfSlots {

    /** One place to compute in; it keeps the Argon2 memory of its last computation ({@link Argon2Memory}). */
    static final class Slot {
        /**
         * An {@link Argon2Memory} once used. Typed Object so that this class loads with a BouncyCastle that
         * has no BlockPool, which Argon2Memory implements (a server may give the application its own, older
         * BouncyCastle: TomEE 10 does).
         */
        Object argon2Memory;
    }

    private static final int SLOTS = Runtime.getRuntime().availableProcessors();
    private static final Semaphore PERMITS = new Semaphore(SLOTS, true);
    /** As many as there are permits, so a thread with a permit always finds one. */
    private static final Queue<Slot> FREE = new ConcurrentLinkedQueue<>();
    private static final ThreadLocal<Slot> HELD = new ThreadLocal<>();

    static {
        for (int i = 0; i < SLOTS; i++) {
            FREE.add(new Slot());
        }
    }

    private KdfSlots() {
    }

    public static <T> T hold(Supplier<T> work) {
        return withSlot(slot -> work.get());
    }

    /** Runs the work in a slot: the one this thread holds already, else the next free one. */
    static <T> T withSlot(Function<Slot, T> work) {
        Slot held = HELD.get();
        if (held != null) {
            return work.apply(held);
        }
        PERMITS.acquireUninterruptibly();
        Slot slot = FREE.poll();
        HELD.set(slot);
        try {
            return work.apply(slot);
        } finally {
            HELD.remove();
            FREE.add(slot);
            PERMITS.release();
        }
    }
}
