package org.tollgate.token.control;

import jakarta.persistence.EntityManager;
import org.tollgate.clients.entity.Client;

/** RFC 6749 section 4.4: the client acts on its own behalf; no refresh token (section 4.4.3). */
public final class ClientCredentialsGrantHandler implements GrantHandler {

    public static final String GRANT_TYPE = "client_credentials";

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public boolean usesDatabase() {
        return false;
    }

    @Override
    public Grant handle(TokenRequest request, Client client, EntityManager em) {
        if (client.isPublic()) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, "Public clients cannot use client_credentials");
        }
        Scope scope = ScopePolicy.grant(request.scope(), Scope.parse(client.getScope()));
        return Grant.ofClient(client.getClientId(), scope);
    }
}
