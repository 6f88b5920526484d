package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Function;
import org.tollgate.persistence.DatabaseFailures;
import org.tollgate.persistence.Transactions;

/**
 * One endpoint call's transaction. It commits on success and also on an OAuth error, whose writes are
 * deliberate (a replay revokes its family and must stay revoked); it rolls back on anything unexpected,
 * and turns a lost database connection into temporarily_unavailable.
 */
public final class UnitOfWork {

    private final EntityManagerFactory emf;

    public UnitOfWork(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public <T> T run(Function<EntityManager, T> work) {
        try {
            return Transactions.inTransaction(emf, work, OAuthException.class::isInstance);
        } catch (RuntimeException e) {
            throw DatabaseFailures.isUnavailable(e) ? new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "The token service cannot reach its database; try again later") : e;
        }
    }
}
