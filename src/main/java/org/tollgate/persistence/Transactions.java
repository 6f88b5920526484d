package org.tollgate.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One unit of work: a fresh EntityManager, one resource-local transaction, always closed. */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

    private Transactions() {
    }

    /**
     * Runs the work, and once more when it lost a race to insert a key that another request inserted first
     * (SQL state 23505): work that looks before it inserts then finds that row the second time.
     */
    public static <T> T againIfDuplicateKey(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isDuplicateKey(e)) {
                throw e;
            }
            return work.get();
        }
    }

    /** Commits on success; rolls back on any exception. */
    public static <T> T inTransaction(EntityManagerFactory emf, Function<EntityManager, T> work) {
        return inTransaction(emf, work, failure -> false);
    }

    /** Commits the writes of an expected failure; if that commit fails, the original failure still wins. */
    private static void commitKeeping(EntityManager em, RuntimeException failure) {
        try {
            em.getTransaction().commit();
        } catch (RuntimeException commitFailure) {
            LOG.log(Level.WARNING, "Could not commit the writes of an expected failure (" + failure.getClass()
                    .getSimpleName() + ")", commitFailure);
        }
    }

    /**
     * Commits on success and also when {@code commitDespite} accepts the exception (an expected outcome
     * whose writes are deliberate); rolls back otherwise. The exception is rethrown either way.
     */
    public static <T> T inTransaction(EntityManagerFactory emf, Function<EntityManager, T> work,
                                      Predicate<RuntimeException> commitDespite) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result;
            try {
                result = work.apply(em);
            } catch (RuntimeException e) {
                if (commitDespite.test(e)) {
                    commitKeeping(em, e);
                }
                throw e;
            }
            em.getTransaction().commit();
            return result;
        } finally {
            closeQuietly(em);
        }
    }

    /**
     * Rolls back what is still open and closes. Failures here are logged, not thrown: when the connection
     * is gone the rollback fails too, and the failure that got us here is the one to report.
     */
    private static void closeQuietly(EntityManager em) {
        try {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Rollback failed", e);
        } finally {
            try {
                em.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing the EntityManager failed", e);
            }
        }
    }
}
