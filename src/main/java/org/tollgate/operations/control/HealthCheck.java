package org.tollgate.operations.control;

import jakarta.persistence.EntityManagerFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.keys.control.KeyRing;
import org.tollgate.persistence.Transactions;

/** Whether this node can issue tokens: its database answers a trivial query and it holds a signing key. */
public final class HealthCheck {

    private static final Logger LOG = Logger.getLogger(HealthCheck.class.getName());
    /** A database that takes longer than this to say 1 is down, as far as a load balancer cares. */
    private static final int QUERY_TIMEOUT_MILLIS = 2000;

    private final EntityManagerFactory emf;
    private final KeyRing keyRing;

    public HealthCheck(EntityManagerFactory emf, KeyRing keyRing) {
        this.emf = emf;
        this.keyRing = keyRing;
    }

    public boolean up() {
        try {
            Object one = Transactions.inTransaction(emf, em -> em.createNativeQuery("SELECT 1")
                    .setHint("jakarta.persistence.query.timeout", QUERY_TIMEOUT_MILLIS)
                    .getSingleResult());
            return one != null && keyRing.activeKid() != null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check failed: " + e);
            return false;
        }
    }
}
