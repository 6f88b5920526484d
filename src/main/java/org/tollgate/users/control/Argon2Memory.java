package org.tollgate.users.control;

import java.lang.ref.SoftReference;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One KDF slot's Argon2 working memory, kept from one computation to the next. Allocated afresh, each
 * computation's 19 MiB (at the default cost) of 1 KiB blocks made G1 collect several times a second and
 * copy the blocks of the computations in flight each time. The blocks are held softly, so an idle
 * Tollgate gives them back when the heap runs short. BouncyCastle zeroes every block before it returns
 * it here. Used by one thread at a time (its slot's). Needs a BouncyCastle with BlockPool: this class
 * fails to load with an older one ({@link PasswordHasher#REUSE_MEMORY}).
 */
final class Argon2Memory implements BlockPool {

    private SoftReference<Block[]> kept = new SoftReference<>(null);
    private Block[] free;
    private int freeCount;

    /** Computes with the slot's memory, which it creates on first use. */
    static void generate(KdfSlots.Slot slot, Argon2Parameters.Builder parameters, char[] password, byte[] out) {
        if (slot.argon2Memory == null) {
            slot.argon2Memory = new Argon2Memory();
        }
        Argon2Memory memory = (Argon2Memory) slot.argon2Memory;
        Argon2Parameters withMemory = parameters.withBlockPool(memory).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(withMemory);
        memory.open(Argon2BytesGenerator.getBlockCount(withMemory.getMemory(), withMemory.getLanes()));
        try {
            generator.generateBytes(password, out);
        } finally {
            memory.close();
        }
    }

    /** Before a computation of this many blocks: reuses the kept blocks when there are as many. */
    private void open(int blocks) {
        Block[] reusable = kept.get();
        if (reusable != null && reusable.length == blocks) {
            free = reusable;
            freeCount = blocks;
        } else {
            free = new Block[blocks];
            freeCount = 0;
        }
        kept.clear();
    }

    /** After the computation has returned its blocks (BouncyCastle does, also when it fails). */
    private void close() {
        if (freeCount == free.length) {
            kept = new SoftReference<>(free);
        }
        free = null;
    }

    @Override
    public Block allocate() {
        return freeCount > 0 ? free[--freeCount] : new Block();
    }

    @Override
    public void deallocate(Block block) {
        if (freeCount < free.length) {
            free[freeCount++] = block;
        }
    }
}
