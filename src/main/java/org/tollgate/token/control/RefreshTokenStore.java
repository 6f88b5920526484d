package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.hibernate.query.NativeQuery;
import org.tollgate.token.entity.RefreshToken;

/**
 * Refresh tokens: 256 random bits handed to the client, only their SHA-256 kept. A fast hash is right
 * here: the value has full entropy, so there is nothing to guess.
 */
public final class RefreshTokenStore {

    private static final int TOKEN_BYTES = 32;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public RefreshTokenStore(Clock clock) {
        this.clock = clock;
    }

    /** A new token value: 256 random bits, base64url. */
    public String newValue() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /**
     * Stores the token of this value (from {@link #newValue()}) in the family and returns the value.
     * {@code authenticatedAt}: when the family's user signed in, or null when that is not known.
     */
    public String issue(EntityManager em, String value, String family, String clientId, String username,
                        Instant authenticatedAt, Scope scope, long ttlSeconds) {
        Instant now = clock.instant();
        em.persist(new RefreshToken(hash(value), family, clientId, username, scope.toString(), now,
                now.plusSeconds(ttlSeconds), authenticatedAt));
        return value;
    }

    public Optional<RefreshToken> find(EntityManager em, String value) {
        return Optional.ofNullable(em.find(RefreshToken.class, hash(value)));
    }

    /**
     * Retires the token of this hash if it is still live, recording the value that replaces it (or none), in
     * one statement; the database decides, so only one concurrent caller wins and gets true.
     */
    public boolean rotate(EntityManager em, String tokenHash, String successorValue) {
        return em.createNamedQuery(RefreshToken.ROTATE).unwrap(NativeQuery.class)
                .setParameter("now", clock.instant(), Instant.class)
                .setParameter("successor", successorValue == null ? null : hash(successorValue), String.class)
                .setParameter("hash", tokenHash, String.class)
                .addSynchronizedEntityClass(RefreshToken.class)
                .executeUpdate() == 1;
    }

    /**
     * Uses up the grace of a rotated token: its successor is retired (if still live) and the link is
     * cleared, both or neither. True for the one caller that did it; a concurrent second caller finds the
     * successor already retired and gets false.
     */
    public boolean spendGrace(EntityManager em, RefreshToken previous) {
        String successor = previous.getSuccessorHash();
        if (successor == null || !rotate(em, successor, null)) {
            return false;
        }
        em.createNamedQuery(RefreshToken.SPEND_GRACE)
                .setParameter("hash", previous.getTokenHash())
                .setParameter("successor", successor)
                .executeUpdate();
        return true;
    }

    /** Whether the token of this hash is live: neither rotated nor revoked. */
    public boolean isLive(EntityManager em, String tokenHash) {
        RefreshToken token = tokenHash == null ? null : em.find(RefreshToken.class, tokenHash);
        return token != null && token.getRotatedAt() == null && token.getRevokedAt() == null;
    }

    public int revokeFamily(EntityManager em, String family) {
        return revokeAll(em.createNamedQuery(RefreshToken.REVOKE_FAMILY)
                .setParameter("now", clock.instant())
                .setParameter("family", family));
    }

    /**
     * Runs a revoking UPDATE until it finds nothing left to revoke. Under READ COMMITTED, a statement that
     * waited for a concurrent rotation's row lock re-checks only the rows it had found, not the successor
     * that the rotation inserted, which would outlive the revocation; the next statement sees it.
     */
    public static int revokeAll(Query revoke) {
        int total = 0;
        for (int revoked = revoke.executeUpdate(); revoked > 0; revoked = revoke.executeUpdate()) {
            total += revoked;
        }
        return total;
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return B64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
