package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.clients.entity.Client;
import org.tollgate.users.control.KdfSlots;

/**
 * The token endpoint's facade, stateless and thread-safe, through a fixed pipeline that every grant
 * shares: the client from the client cache, then at most one transaction for the grant's reads and
 * writes (none for client_credentials), then the signature.
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
        Client client = clients.authenticate(request.credentials());
        if (!client.allowsGrant(request.grantType())) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "The client is not registered for this grant type");
        }
        Supplier<Committed> transaction = !handler.usesDatabase()
                ? () -> new Committed(client.getClientId(), handler.handle(request, client, null),
                        lifetimes.accessToken(client), null)
                : () -> unitOfWork.run(em -> store(em, client, handler.handle(request, client, em)));
        Committed committed = handler.checksPassword() ? KdfSlots.hold(transaction) : transaction.get();
        // signed after the commit: no database connection waits on a signature, and an access token is
        // only ever made for a grant that the database has recorded
        return committed.respond(accessTokens);
    }

    public List<String> grantTypes() {
        return handlers.keySet().stream().sorted().toList();
    }

    private Committed store(EntityManager em, Client client, Grant grant) {
        String refreshToken = grant.refreshFamily() == null ? null
                : refreshTokens.issue(em,
                        Objects.requireNonNullElseGet(grant.successorToken(), refreshTokens::newValue),
                        grant.refreshFamily(), client.getClientId(), grant.username(), grant.authenticatedAt(),
                        grant.refreshScope(), lifetimes.refreshToken(client));
        return new Committed(client.getClientId(), grant, lifetimes.accessToken(client), refreshToken);
    }

    /** What the transaction decided: everything the answer needs but the access token. */
    private record Committed(String clientId, Grant grant, long accessTtl, String refreshToken) {

        TokenResponse respond(AccessTokenFactory accessTokens) {
            String jti = AccessTokenFactory.newJti();
            String accessToken = accessTokens.create(clientId, grant, accessTtl, jti);
            String scope = grant.scope().isEmpty() ? null : grant.scope().toString();
            return new TokenResponse(accessToken, "Bearer", accessTtl, refreshToken, scope, grant.username(), jti,
                    grant.refreshFamily());
        }
    }
}
