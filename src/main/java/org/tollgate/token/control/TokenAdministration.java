package org.tollgate.token.control;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import org.tollgate.persistence.Transactions;
import org.tollgate.token.entity.RefreshToken;

/**
 * What an administrator does to refresh tokens: revoke every token of a user, of a client or of one grant
 * family, and count the live ones. Access tokens are not touched: they are short-lived and self-contained.
 */
public final class TokenAdministration {

    private final EntityManagerFactory emf;
    private final RefreshTokenStore store;
    private final Clock clock;

    public TokenAdministration(EntityManagerFactory emf, RefreshTokenStore store, Clock clock) {
        this.emf = emf;
        this.store = store;
        this.clock = clock;
    }

    /** @return how many refresh tokens were revoked */
    public int revokeUser(String username) {
        return revoke(RefreshToken.REVOKE_USER, "username", required(username, "username"));
    }

    /** @return how many refresh tokens were revoked */
    public int revokeClient(String clientId) {
        return revoke(RefreshToken.REVOKE_CLIENT, "client", required(clientId, "client_id"));
    }

    /** @return how many refresh tokens were revoked */
    public int revokeFamily(String family) {
        String id = required(family, "family");
        return Transactions.inTransaction(emf, em -> store.revokeFamily(em, id));
    }

    /** Refresh tokens that can still be used once: not rotated, not revoked, not expired. */
    public long countLive() {
        return Transactions.inTransaction(emf, em -> em.createNamedQuery(RefreshToken.COUNT_LIVE, Long.class)
                .setParameter("now", clock.instant())
                .getSingleResult());
    }

    private int revoke(String query, String parameter, String value) {
        return Transactions.inTransaction(emf, em -> RefreshTokenStore.revokeAll(em.createNamedQuery(query)
                .setParameter("now", clock.instant())
                .setParameter(parameter, value)));
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }
}
