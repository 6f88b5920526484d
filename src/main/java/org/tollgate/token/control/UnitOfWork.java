package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;
import org.hibernate.exception.JDBCConnectionException;
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
            throw databaseUnavailable(e) ? new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE,
                    "The token service cannot reach its database; try again later") : e;
        }
    }

    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
