package org.tollgate.resourceserver;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

/** The caller of a protected request, as its access token describes it. */
public final class TollgatePrincipal implements Principal {

    private final String subject;
    private final String clientId;
    private final Set<String> scopes;
    private final Map<String, Object> claims;

    TollgatePrincipal(String subject, String clientId, Set<String> scopes, Map<String, Object> claims) {
        this.subject = subject;
        this.clientId = clientId;
        this.scopes = Set.copyOf(scopes);
        this.claims = Map.copyOf(claims);
    }

    /** The token's {@code sub}: the user, or the client itself for client_credentials. */
    @Override
    public String getName() {
        return subject;
    }

    public String getClientId() {
        return clientId;
    }

    public Set<String> getScopes() {
        return scopes;
    }

    /** Every claim of the access token. */
    public Map<String, Object> getClaims() {
        return claims;
    }

    @Override
    public String toString() {
        return "TollgatePrincipal[" + subject + ", client " + clientId + ", scopes " + scopes + "]";
    }
}
