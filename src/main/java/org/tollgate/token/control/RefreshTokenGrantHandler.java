package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.logging.Logger;
import org.tollgate.clients.entity.Client;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.users.control.UserAuthenticator;

/**
 * RFC 6749 section 6 with rotation: every use retires the presented token, and presenting a retired one
 * is a replay (RFC 9700 section 4.14) that revokes its whole family. The one exception is the grace
 * window (off by default): the immediately previous token, whose successor is still live, may be
 * presented once more within the window; that retires the successor and answers with a new pair.
 */
public final class RefreshTokenGrantHandler implements GrantHandler {

    public static final String GRANT_TYPE = "refresh_token";
    private static final Logger LOG = Logger.getLogger(RefreshTokenGrantHandler.class.getName());

    private final RefreshTokenStore store;
    private final UserAuthenticator users;
    private final Clock clock;
    private final RefreshGrace grace;

    public RefreshTokenGrantHandler(RefreshTokenStore store, UserAuthenticator users, Clock clock,
                                    RefreshGrace grace) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Grant handle(TokenRequest request, Client client, EntityManager em) {
        String presented = TokenRequest.required(request.refreshToken(), TokenRequest.REFRESH_TOKEN);
        RefreshToken token = store.find(em, presented)
                .filter(t -> t.getClientId().equals(client.getClientId()))
                .orElseThrow(() -> invalidGrant("Unknown refresh token"));
        if (token.getRevokedAt() != null) {
            throw invalidGrant("The refresh token has been revoked");
        }
        boolean withinGrace = token.getRotatedAt() != null && inGrace(em, token);
        if (token.getRotatedAt() != null && !withinGrace) {
            revokeAfterReplay(em, token);
        }
        if (!token.getExpiresAt().isAfter(clock.instant())) {
            throw invalidGrant("The refresh token has expired");
        }
        if (!users.isEnabled(em, token.getUsername())) {
            throw invalidGrant("The resource owner is no longer enabled");
        }
        Scope original = Scope.parse(token.getScope());
        // what the client may still have: a scope taken off its registration since the sign-in is not granted
        // again (the refresh token keeps the original, so that a scope given back counts again)
        Scope scope = narrowedScope(request.scope(), original.within(Scope.parse(client.getScope())));
        // every check passed: only now retire anything, since an OAuth error commits what was written
        if (withinGrace) {
            if (!store.spendGrace(em, token)) {
                throw invalidGrant("The refresh token has already been used");
            }
            LOG.info(() -> "Previous refresh token presented within the grace window for client "
                    + token.getClientId() + "; retired its successor in token family " + token.getFamilyId());
            // the new token gets no predecessor: the grace is spent, and the retired successor is no replacement
            return continuing(token, scope, original, null);
        }
        String successor = store.newValue();
        if (!store.rotate(em, token.getTokenHash(), successor)) {
            // another request rotated it between our read and this update: only one may win
            throw invalidGrant("The refresh token has already been used");
        }
        return continuing(token, scope, original, successor);
    }

    /** The grant of the token's family, for its user since the sign-in that began it. */
    private static Grant continuing(RefreshToken token, Scope scope, Scope refreshScope, String successor) {
        return new Grant(token.getUsername(), token.getUsername(), token.getAuthenticatedAt(), scope, refreshScope,
                token.getFamilyId(), successor);
    }

    /** A rotated token inside the window whose successor is still live, so it is the immediately previous one. */
    private boolean inGrace(EntityManager em, RefreshToken token) {
        return grace.covers(token.getRotatedAt(), clock.instant()) && store.isLive(em, token.getSuccessorHash());
    }

    private void revokeAfterReplay(EntityManager em, RefreshToken token) {
        store.revokeFamily(em, token.getFamilyId());
        LOG.warning(() -> "Refresh token replay for client " + token.getClientId()
                + "; revoked token family " + token.getFamilyId());
        throw invalidGrant("The refresh token has already been used");
    }

    private static Scope narrowedScope(String requested, Scope original) {
        try {
            return ScopePolicy.grant(requested, original);
        } catch (OAuthException e) {
            throw new OAuthException(OAuthError.INVALID_SCOPE,
                    "The requested scope exceeds the original grant or the client's registration");
        }
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
