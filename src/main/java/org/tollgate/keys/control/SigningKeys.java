package org.tollgate.keys.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.tollgate.keys.entity.SigningKey;
import org.tollgate.persistence.Transactions;

/**
 * Finds the active signing key in the database, creating it on first start. A unique constraint on the
 * active slot means that nodes starting together agree on one key instead of each creating its own.
 */
public final class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final int ATTEMPTS = 3;

    private final EntityManagerFactory emf;
    private final Clock clock;

    public SigningKeys(EntityManagerFactory emf, Clock clock) {
        this.emf = emf;
        this.clock = clock;
    }

    /** The active key for the algorithm; a key of another algorithm is replaced (and kept, inactive). */
    public JWK activeKey(String algorithmName) {
        JWSAlgorithm alg = KeyGenerator.algorithm(algorithmName);
        PersistenceException lastConflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return activeOrCreate(alg);
            } catch (PersistenceException conflict) {
                // another node activated a key at the same moment: read again
                lastConflict = conflict;
            }
        }
        throw new IllegalStateException("Could not settle on an active signing key", lastConflict);
    }

    private JWK activeOrCreate(JWSAlgorithm alg) {
        return Transactions.inTransaction(emf, em -> {
            List<SigningKey> active = em.createNamedQuery(SigningKey.ACTIVE, SigningKey.class).getResultList();
            if (!active.isEmpty() && active.get(0).getAlg().equals(alg.getName())) {
                return parse(active.get(0));
            }
            if (!active.isEmpty()) {
                LOG.info(() -> "Signing algorithm changed to " + alg + "; the previous key stays stored, inactive");
                em.createNamedQuery(SigningKey.DEACTIVATE).setParameter("kid", active.get(0).getKid()).executeUpdate();
            }
            JWK jwk = KeyGenerator.generate(alg);
            em.persist(new SigningKey(jwk.getKeyID(), alg.getName(), jwk.toJSONString(), clock.instant()));
            em.flush();
            LOG.info(() -> "Created signing key " + jwk.getKeyID() + " (" + alg + ")");
            return jwk;
        });
    }

    private static JWK parse(SigningKey key) {
        try {
            return JWK.parse(key.getJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + key.getKid() + " is not a valid JWK", e);
        }
    }
}
