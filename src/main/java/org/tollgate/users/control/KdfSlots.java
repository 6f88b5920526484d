package org.tollgate.users.control;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Argon2 computation per core at a time. Each holds its memory cost in heap (19 MiB at the default)
 * and keeps a core busy, so more at once adds no throughput, only heap: 32 concurrent logins would need
 * 600 MiB. The rest queue, in arrival order. A login reserves its slot before its transaction, so the
 * logins that queue hold no database connection meanwhile, and gives it back as soon as its computation
 * ends: held through the rest of the transaction and its commit, a slot's core sat idle for that time,
 * and the password grant made a quarter fewer tokens than the cores can check passwords (README Performance).
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
    private static final ThreadLocal<Slot> RESERVED = new ThreadLocal<>();

    static {
        for (int i = 0; i < SLOTS; i++) {
            FREE.add(new Slot());
        }
    }

    private KdfSlots() {
    }

    /** Runs the work with a slot reserved for its next computation, which takes it without waiting. */
    public static <T> T hold(Supplier<T> work) {
        Slot reserved = take();
        RESERVED.set(reserved);
        try {
            return work.get();
        } finally {
            if (RESERVED.get() == reserved) { // no computation used it
                RESERVED.remove();
                giveBack(reserved);
            }
        }
    }

    /** Runs one computation in a slot: the one this thread reserved, else the next free one. */
    static <T> T withSlot(Function<Slot, T> work) {
        Slot slot = RESERVED.get();
        if (slot == null) {
            slot = take();
        } else {
            RESERVED.remove();
        }
        try {
            return work.apply(slot);
        } finally {
            giveBack(slot);
        }
    }

    /** Slots no computation holds or has reserved. */
    static int free() {
        return PERMITS.availablePermits();
    }

    private static Slot take() {
        PERMITS.acquireUninterruptibly();
        return FREE.poll();
    }

    private static void giveBack(Slot slot) {
        FREE.add(slot);
        PERMITS.release();
    }
}
