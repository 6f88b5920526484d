package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.clients.entity.Client;
import org.tollgate.keys.control.JwtSigner;

/**
 * The token endpoint's facade, stateless and thread-safe: one call is one unit of work in one
 * transaction, through a fixed pipeline that every grant shares.
 */
public final class TokenIssuer {

    private final UnitOfWork unitOfWork;
    private final ClientAuthenticator clients;
    private final Map<String, GrantHandler> handlers;
    private final AccessTokenFactory accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final TokenLifetimes lifetimes;

    public TokenIssuer(UnitOfWork unitOfWork, ClientAuthenticator clients, List<GrantHandler> handlers,
                       AccessTokenFactory accessTokens, RefreshTokenStore refreshTokens, TokenLifetimes lifetimes) {
        this.unitOfWork = unitOfWork;
        this.clients = clients;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType, h -> h));
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.lifetimes = lifetimes;
    }

    public TokenResponse issue(TokenRequest request) {
        GrantHandler handler = handlers.get(request.grantType());
        if (handler == null) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "Unsupported grant_type");
        }
        JwtSigner signer = accessTokens.signer();
        return unitOfWork.run(em -> {
            Client client = clients.authenticate(em, request.credentials());
            if (!client.allowsGrant(request.grantType())) {
                throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                        "The client is not registered for this grant type");
            }
            return respond(em, client, handler.handle(request, client, em), signer);
        });
    }

    public List<String> grantTypes() {
        return handlers.keySet().stream().sorted().toList();
    }

    private TokenResponse respond(EntityManager em, Client client, Grant grant, JwtSigner signer) {
        long accessTtl = lifetimes.accessToken(client);
        String refreshToken = grant.refreshFamily() == null ? null
                : refreshTokens.issue(em, grant.refreshFamily(), client.getClientId(), grant.username(),
                        grant.scope(), lifetimes.refreshToken(client));
        if (refreshToken != null && grant.rotatedHash() != null) {
            refreshTokens.linkSuccessor(em, grant.rotatedHash(), refreshToken);
        }
        String jti = AccessTokenFactory.newJti();
        String accessToken = accessTokens.create(signer, client.getClientId(), grant, accessTtl, jti);
        String scope = grant.scope().isEmpty() ? null : grant.scope().toString();
        return new TokenResponse(accessToken, "Bearer", accessTtl, refreshToken, scope, grant.username(), jti,
                grant.refreshFamily());
    }
}
