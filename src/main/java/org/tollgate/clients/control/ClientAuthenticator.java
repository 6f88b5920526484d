package org.tollgate.clients.control;

import jakarta.persistence.EntityManager;
import org.tollgate.clients.entity.Client;
import org.tollgate.persistence.Keys;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.users.control.PasswordHasher;

/** Authenticates the client of a token request, once, before any grant runs. */
public final class ClientAuthenticator {

    private final PasswordHasher hasher;

    public ClientAuthenticator(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** @throws OAuthException invalid_client for every failure, with one text for all unknown-or-wrong cases */
    public Client authenticate(EntityManager em, ClientCredentials credentials) {
        if (credentials.method() == ClientCredentials.Method.ABSENT) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication is required");
        }
        Client client = Keys.find(em, Client.class, credentials.clientId());
        if (credentials.method() == ClientCredentials.Method.NONE) {
            if (client == null || !client.isPublic() || !client.isEnabled()) {
                throw failed();
            }
            return client;
        }
        if (client == null || client.isPublic()) {
            hasher.verifyDecoy(credentials.secret());
            throw failed();
        }
        if (!hasher.verify(credentials.secret(), client.getSecretHash()) || !client.isEnabled()) {
            throw failed();
        }
        return client;
    }

    private static OAuthException failed() {
        return new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed");
    }
}
