package org.tollgate.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import java.util.function.Predicate;

/** One unit of work: a fresh EntityManager, one resource-local transaction, always closed. */
public final class Transactions {

    private Transactions() {
    }

    /** Commits on success; rolls back on any exception. */
    public static <T> T inTransaction(EntityManagerFactory emf, Function<EntityManager, T> work) {
        return inTransaction(emf, work, failure -> false);
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
                    em.getTransaction().commit();
                }
                throw e;
            }
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
