package org.tollgate.token.control;

import org.tollgate.token.entity.RefreshToken;

/**
 * One refresh rotation straight against the store, in its own transaction and without a signature: find the
 * presented token, retire it with the conditional update, store its successor. For the rotation benchmark
 * and the tests that need many commits quickly.
 */
public final class RefreshRotation {

    private RefreshRotation() {
    }

    /** Rotates the presented token (which must be live) and returns its successor's value. */
    public static String rotate(UnitOfWork unitOfWork, RefreshTokenStore store, String presented, long ttlSeconds) {
        return unitOfWork.run(em -> {
            RefreshToken token = store.find(em, presented).orElseThrow();
            String successor = store.newValue();
            if (!store.rotate(em, token.getTokenHash(), successor)) {
                throw new IllegalStateException("the chain's own token was not live");
            }
            return store.issue(em, successor, token.getFamilyId(), token.getClientId(), token.getUsername(),
                    token.getAuthenticatedAt(), Scope.parse(token.getScope()), ttlSeconds);
        });
    }
}
