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
 * Each slot keeps its Argon2 memory for the next computation ({@link Argon2Memory}).
 */
public final class KdfSlots {

    private static final int SLOTS = Runtime.getRuntime().availableProcessors();
    private static final Semaphore PERMITS = new Semaphore(SLOTS, true);
    /** As many as there are permits, so a thread with a permit always finds one. */
    private static final Queue<Argon2Memory> MEMORY = new ConcurrentLinkedQueue<>();
    private static final ThreadLocal<Argon2Memory> HELD = new ThreadLocal<>();

    static {
        for (int i = 0; i < SLOTS; i++) {
            MEMORY.add(new Argon2Memory());
        }
    }

    private KdfSlots() {
    }

    public static <T> T hold(Supplier<T> work) {
        return withMemory(memory -> work.get());
    }

    /** Runs the work in a slot, with that slot's Argon2 memory. */
    static <T> T withMemory(Function<Argon2Memory, T> work) {
        Argon2Memory held = HELD.get();
        if (held != null) {
            return work.apply(held);
        }
        PERMITS.acquireUninterruptibly();
        Argon2Memory memory = MEMORY.poll();
        HELD.set(memory);
        try {
            return work.apply(memory);
        } finally {
            HELD.remove();
            MEMORY.add(memory);
            PERMITS.release();
        }
    }
}
