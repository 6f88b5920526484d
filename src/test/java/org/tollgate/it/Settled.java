package org.tollgate.it;

import java.io.IOException;

/**
 * A value read from what a server writes asynchronously (its log handlers): a check for lines that must not
 * be there is only worth something once those that might be have been written. Read until two reads half a
 * second apart agree, ten seconds at most.
 */
public final class Settled {

    /** One read of the value. */
    public interface Read<T> {
        T get() throws IOException;
    }

    private Settled() {
    }

    public static <T> T value(Read<T> read) throws IOException, InterruptedException {
        T previous = read.get();
        for (int attempt = 0; attempt < 20; attempt++) {
            Thread.sleep(500);
            T now = read.get();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }
}
