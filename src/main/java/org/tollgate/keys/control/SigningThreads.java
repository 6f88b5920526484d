package org.tollgate.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.tollgate.threads.OwnedThreads;

/**
 * Where token signatures are computed. In a running Tollgate: one thread per core, taking them in arrival
 * order. A signature is pure CPU, so more of them at once than cores only makes the scheduler time-slice
 * them (at 8 connections on 2 cores, p99 four times the median); and a permit per core handed from request
 * thread to request thread left a core idle 15 % of the time while the next holder woke up. Threads that do
 * nothing but sign take the next signature without waiting for anyone: no idle core while signatures queue,
 * and 15-35 % more tokens/s with the JDK signing (README, Decisions). Unit tests and the signing benchmark
 * sign on the calling thread ({@link #CALLER}).
 */
public final class SigningThreads implements AutoCloseable {

    /** Signs on the thread that asks, with no thread of its own. */
    public static final SigningThreads CALLER = new SigningThreads(null, null);

    private static final Logger LOG = Logger.getLogger(SigningThreads.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** A signature, as Nimbus's {@code JWSSigner.sign} computes it. */
    @FunctionalInterface
    interface Signature {
        Base64URL compute() throws JOSEException;
    }

    private final OwnedThreads threads;
    private final ExecutorService executor;

    private SigningThreads(OwnedThreads threads, ExecutorService executor) {
        this.threads = threads;
        this.executor = executor;
    }

    /** As many signing threads as the JVM has processors, started on first use. */
    public static SigningThreads perCore() {
        OwnedThreads threads = new OwnedThreads("tollgate-signing");
        return new SigningThreads(threads,
                Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), threads));
    }

    /** Computes the signature on a signing thread, waiting for its turn. */
    Base64URL sign(Signature signature) {
        if (executor == null) {
            return computed(signature);
        }
        Future<Base64URL> result = executor.submit(() -> computed(signature));
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException failed ? failed : new IllegalStateException(e);
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a signature", e);
        }
    }

    private static Base64URL computed(Signature signature) {
        try {
            return signature.compute();
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** Waits (briefly) for the signing threads to end, so that undeploy leaves none behind. */
    @Override
    public void close() {
        if (executor != null && !threads.stop(executor, STOP_TIMEOUT)) {
            LOG.warning(() -> "The signing threads did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }
}
