package org.tollgate.keys.control;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The signing keys as this node sees them, re-read from the database at most every few seconds, so a
 * rotation on any node reaches this one quickly while token requests never read the key table. One
 * request re-reads; the others go on with the keys they have meanwhile and never wait for it: a waiting
 * request may hold the last free database connection that the re-read needs.
 */
public final class KeyRing {

    /** How long a read of the key table is trusted. */
    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(KeyRing.class.getName());

    private final SigningKeys keys;
    private final String algorithm;
    private final SigningProvider provider;
    private final SigningThreads threads;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicBoolean rereading = new AtomicBoolean();

    private record Snapshot(SigningKeys.State state, JwtSigner signer, JWKSet published, Instant readAt) {
    }

    public KeyRing(SigningKeys keys, String algorithm, SigningProvider provider, SigningThreads threads,
                   Clock clock) {
        this.keys = keys;
        this.algorithm = algorithm;
        this.provider = provider;
        this.threads = threads;
        this.clock = clock;
        this.snapshot.set(snapshotOf(keys.load(algorithm), null));
    }

    public JwtSigner signer() {
        return current().signer();
    }

    /** Every public key a token this server signed may carry: the active one and those not yet retired. */
    public JWKSet publicKeys() {
        return current().published();
    }

    public String activeKid() {
        return current().signer().keyId();
    }

    public Instant activeSince() {
        return current().state().activeSince();
    }

    /** Makes a new key active now; the previous one stays published until its tokens expire. */
    public synchronized String rotate() {
        return rotateIfStillActive(activeKid());
    }

    /** Rotates unless another node has already replaced {@code kid}; returns the active kid afterwards. */
    public synchronized String rotateIfStillActive(String kid) {
        snapshot.set(snapshotOf(keys.rotate(algorithm, kid), snapshot.get()));
        return activeKid();
    }

    /** Stops publishing an inactive key; false when it is active, retired already or unknown. */
    public synchronized boolean retire(String kid) {
        boolean retired = keys.retire(kid);
        snapshot.set(snapshotOf(keys.reread(algorithm), snapshot.get()));
        return retired;
    }

    private Snapshot current() {
        Snapshot current = snapshot.get();
        if (current.readAt().plus(REFRESH).isAfter(clock.instant()) || !rereading.compareAndSet(false, true)) {
            return current;
        }
        try {
            // a rotation or retirement on this node meanwhile has the newer view: keep it
            Snapshot reread = reload(current);
            return snapshot.compareAndSet(current, reread) ? reread : snapshot.get();
        } finally {
            rereading.set(false);
        }
    }

    /** A failed re-read keeps the keys this node has, rather than failing every token request. */
    private Snapshot reload(Snapshot current) {
        try {
            return snapshotOf(keys.reread(algorithm), current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot re-read the signing keys; keeping the current ones: " + e);
            return new Snapshot(current.state(), current.signer(), current.published(), clock.instant());
        }
    }

    private Snapshot snapshotOf(SigningKeys.State state, Snapshot previous) {
        boolean sameKey = previous != null && previous.signer().keyId().equals(state.active().getKeyID());
        JwtSigner signer = sameKey ? previous.signer() : new JwtSigner(state.active(), provider, threads);
        if (!sameKey && !algorithm.equals(signer.algorithm())) {
            LOG.warning(() -> "Signing with key " + signer.keyId() + " (" + signer.algorithm() + "), made active by"
                    + " another node, although signing.alg here is " + algorithm + "; give every node the same"
                    + " signing.alg");
        }
        return new Snapshot(state, signer, new JWKSet(state.published()), clock.instant());
    }
}
