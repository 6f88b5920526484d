package org.tollgate.operations.control;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.keys.control.KeyRing;
import org.tollgate.persistence.Transactions;
import org.tollgate.threads.OwnedThreads;

/**
 * Whether this node can issue tokens: its database answers a trivial query and it holds a signing key,
 * both within 2 seconds. The check runs on a thread of its own, so that a database host that has stopped
 * answering makes the answer DOWN in time rather than hang the request for as long as the pool and the
 * driver wait; a check still running serves every request that arrives meanwhile, so a load balancer's
 * probes never pile up threads on a hung database.
 */
public final class HealthCheck implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HealthCheck.class.getName());
    /** A database that takes longer than this to say 1 is down, as far as a load balancer cares. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);

    private final EntityManagerFactory emf;
    private final KeyRing keyRing;
    private final OwnedThreads threads = new OwnedThreads("tollgate-health");
    private final ThreadPoolExecutor checker;
    private final AtomicReference<CompletableFuture<Boolean>> running = new AtomicReference<>();

    public HealthCheck(EntityManagerFactory emf, KeyRing keyRing) {
        this.emf = emf;
        this.keyRing = keyRing;
        this.checker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        checker.allowCoreThreadTimeOut(true); // no thread while nobody asks
    }

    public boolean up() {
        try {
            return check().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "Health check failed: no answer from the database within " + ANSWER_WITHIN.toSeconds()
                    + " s");
            return false;
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Health check failed: " + e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The check in progress, or a new one when none is. */
    private CompletableFuture<Boolean> check() {
        while (true) {
            CompletableFuture<Boolean> current = running.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            CompletableFuture<Boolean> next = new CompletableFuture<>();
            if (running.compareAndSet(current, next)) {
                try {
                    checker.execute(() -> complete(next));
                } catch (RejectedExecutionException closed) {
                    next.completeExceptionally(closed);
                }
                return next;
            }
        }
    }

    private void complete(CompletableFuture<Boolean> result) {
        try {
            Object one = Transactions.inTransaction(emf, em -> em.createNativeQuery("SELECT 1")
                    .setHint("jakarta.persistence.query.timeout", (int) ANSWER_WITHIN.toMillis())
                    .getSingleResult());
            result.complete(one != null && keyRing.activeKid() != null);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** At undeploy: a check blocked on a hung database is interrupted and, at most a few seconds later, left. */
    @Override
    public void close() {
        threads.stop(checker, STOP_WITHIN);
    }
}
