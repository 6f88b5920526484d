package org.tollgate.keys.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.tollgate.keys.entity.SigningKey;
import org.tollgate.persistence.Transactions;

/**
 * The signing keys in the database, which decides for every node: the unique active slot means nodes
 * that start or rotate at the same moment agree on one active key. A key that stops being active stays
 * published until every access token it signed has expired.
 */
public final class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final int ATTEMPTS = 3;
    /** Tolerance for resource servers whose clocks run behind. */
    private static final long CLOCK_SKEW_SECONDS = 60;

    private final EntityManagerFactory emf;
    private final Clock clock;
    private final long defaultAccessTokenSeconds;
    private final KeyEncryption encryption;

    /** What one read of the key table found: the active key and every key still published. */
    public record State(JWK active, Instant activeSince, List<JWK> published) {
    }

    public SigningKeys(EntityManagerFactory emf, Clock clock, long defaultAccessTokenSeconds,
                       KeyEncryption encryption) {
        this.emf = emf;
        this.clock = clock;
        this.defaultAccessTokenSeconds = defaultAccessTokenSeconds;
        this.encryption = encryption;
    }

    /**
     * At start: the current state; creates the first key, or replaces a key of another algorithm, as an
     * administrator who changed {@code signing.alg} wants.
     */
    public State load(String algorithmName) {
        return load(algorithmName, true);
    }

    /**
     * A re-read: the current state, with the active key whatever its algorithm. In a rolling change of
     * {@code signing.alg}, a node not yet restarted that replaced the new algorithm's key with one of its own
     * at each re-read would have the nodes replacing each other's keys every few seconds until the last restart.
     */
    public State reread(String algorithmName) {
        return load(algorithmName, false);
    }

    private State load(String algorithmName, boolean replaceOtherAlgorithm) {
        JWSAlgorithm alg = KeyGenerator.algorithm(algorithmName);
        return retryingConflicts(() -> Transactions.inTransaction(emf, em -> {
            encryptPlaintextKeys(em);
            SigningKey active = active(em);
            if (active == null || replaceOtherAlgorithm && !active.getAlg().equals(alg.getName())) {
                if (active != null) {
                    LOG.info(() -> "Signing algorithm changed to " + alg + "; key " + active.getKid()
                            + " stays published until its tokens expire");
                    deactivate(em, active.getKid());
                    // the update bypassed the loaded entity, which state() would otherwise still find active
                    em.detach(active);
                }
                create(em, alg);
            }
            return state(em);
        }));
    }

    /**
     * Replaces the active key with a new one, unless another node has replaced {@code expectedKid} already.
     *
     * @return the state after the rotation
     */
    public State rotate(String algorithmName, String expectedKid) {
        JWSAlgorithm alg = KeyGenerator.algorithm(algorithmName);
        return retryingConflicts(() -> Transactions.inTransaction(emf, em -> {
            if (deactivate(em, expectedKid)) {
                create(em, alg);
            }
            return state(em);
        }));
    }

    /** Stops publishing an inactive key at once; the active key cannot be retired. */
    public boolean retire(String kid) {
        return Transactions.inTransaction(emf, em -> em.createNamedQuery(SigningKey.RETIRE)
                .setParameter("kid", kid)
                .setParameter("now", clock.instant())
                .executeUpdate() == 1);
    }

    /** Keys written before encryption at rest existed are encrypted on the first start that sees them. */
    private void encryptPlaintextKeys(EntityManager em) {
        em.createQuery("select k from SigningKey k", SigningKey.class).getResultList().stream()
                .filter(key -> KeyEncryption.isPlaintext(key.getJwk()))
                .forEach(key -> key.setJwk(encryption.encrypt(key.getJwk())));
    }

    private static SigningKey active(EntityManager em) {
        List<SigningKey> active = em.createNamedQuery(SigningKey.ACTIVE, SigningKey.class).getResultList();
        return active.isEmpty() ? null : active.get(0);
    }

    private State state(EntityManager em) {
        List<SigningKey> published = em.createNamedQuery(SigningKey.PUBLISHED, SigningKey.class)
                .setParameter("now", clock.instant()).getResultList();
        SigningKey active = published.stream().filter(SigningKey::isActive).findFirst()
                .orElseThrow(() -> new IllegalStateException("No active signing key"));
        return new State(parse(active), active.getCreatedAt(),
                published.stream().map(key -> parse(key).toPublicJWK()).toList());
    }

    private boolean deactivate(EntityManager em, String kid) {
        Instant retireAfter = clock.instant().plusSeconds(longestAccessTokenSeconds(em) + CLOCK_SKEW_SECONDS);
        return em.createNamedQuery(SigningKey.DEACTIVATE)
                .setParameter("kid", kid)
                .setParameter("retireAfter", retireAfter)
                .executeUpdate() == 1;
    }

    private long longestAccessTokenSeconds(EntityManager em) {
        Long longestClientTtl = em.createQuery("select max(c.accessTokenTtl) from Client c", Long.class)
                .getSingleResult();
        return Math.max(defaultAccessTokenSeconds, longestClientTtl == null ? 0 : longestClientTtl);
    }

    private void create(EntityManager em, JWSAlgorithm alg) {
        JWK jwk = KeyGenerator.generate(alg);
        em.persist(new SigningKey(jwk.getKeyID(), alg.getName(), encryption.encrypt(jwk.toJSONString()),
                clock.instant()));
        em.flush();
        LOG.info(() -> "Created signing key " + jwk.getKeyID() + " (" + alg + ")");
    }

    private static State retryingConflicts(java.util.function.Supplier<State> work) {
        PersistenceException lastConflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return work.get();
            } catch (PersistenceException conflict) {
                // another node activated a key at the same moment: read again
                lastConflict = conflict;
            }
        }
        throw new IllegalStateException("Could not settle on an active signing key", lastConflict);
    }

    private JWK parse(SigningKey key) {
        try {
            return JWK.parse(encryption.decrypt(key.getJwk()));
        } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + key.getKid() + " is not a valid JWK", e);
        }
    }
}
