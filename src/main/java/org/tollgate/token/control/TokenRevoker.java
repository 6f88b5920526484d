package org.tollgate.token.control;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.persistence.EntityManager;
import java.util.Objects;
import java.util.Optional;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.clients.entity.Client;
import org.tollgate.persistence.Transactions;
import org.tollgate.token.entity.RevokedAccessToken;

/**
 * RFC 7009 revocation. A refresh token takes its whole family with it; an access token is remembered by
 * its jti until it expires. Unknown, invalid and expired tokens are answered as revoked (section 2.2);
 * a token issued to another client is refused with unauthorized_client (section 2.1).
 */
public final class TokenRevoker {

    private final UnitOfWork unitOfWork;
    private final ClientAuthenticator clients;
    private final AccessTokenVerifier accessTokens;
    private final RefreshTokenStore refreshTokens;

    public TokenRevoker(UnitOfWork unitOfWork, ClientAuthenticator clients, AccessTokenVerifier accessTokens,
                        RefreshTokenStore refreshTokens) {
        this.unitOfWork = unitOfWork;
        this.clients = clients;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    public void revoke(TokenLookupRequest request) {
        // both before the transaction: the key ring and the client cache may read on a connection of their own
        Client caller = clients.authenticate(request.credentials());
        Optional<JWTClaimsSet> verified = accessTokens.verify(request.token());
        // a concurrent revocation of the same access token may store its jti first
        Transactions.againIfDuplicateKey(() -> unitOfWork.run(em -> {
            refreshTokens.find(em, request.token()).ifPresentOrElse(refresh -> {
                requireOwner(caller, refresh.getClientId());
                refreshTokens.revokeFamily(em, refresh.getFamilyId());
            }, () -> verified.ifPresent(claims -> revokeAccessToken(em, caller, claims)));
            return null;
        }));
    }

    private static void revokeAccessToken(EntityManager em, Client caller, JWTClaimsSet claims) {
        String clientId = (String) claims.getClaim("client_id");
        requireOwner(caller, clientId);
        if (em.find(RevokedAccessToken.class, claims.getJWTID()) == null) {
            em.persist(new RevokedAccessToken(claims.getJWTID(), clientId, claims.getExpirationTime().toInstant()));
        }
    }

    private static void requireOwner(Client caller, String tokenClientId) {
        if (!Objects.equals(caller.getClientId(), tokenClientId)) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "The token was not issued to this client");
        }
    }
}
