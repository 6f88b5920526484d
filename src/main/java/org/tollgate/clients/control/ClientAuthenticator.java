package org.tollgate.clients.control;

import jakarta.persistence.EntityManager;
import org.tollgate.clients.entity.Client;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.users.control.PasswordHasher;

/** Authenticates the client of a token request, once, before any grant runs. */
public final class ClientAuthenticator {

    private final PasswordHasher hasher;
    private final VerifiedSecrets verified = new VerifiedSecrets();

    public ClientAuthenticator(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** @throws OAuthException invalid_client for every failure, with one text for all unknown-or-wrong cases */
    public Client authenticate(EntityManager em, ClientCredentials credentials) {
        if (credentials.method() == ClientCredentials.Method.ABSENT) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication is required");
        }
        Client client = em.find(Client.class, credentials.clientId());
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
        if (!secretMatches(client, credentials.secret()) || !client.isEnabled()) {
            throw failed();
        }
        if (hasher.needsRehash(client.getSecretHash())) {
            client.setSecretHash(hasher.hash(credentials.secret()));
        }
        return client;
    }

    private boolean secretMatches(Client client, String secret) {
        if (verified.contains(client.getClientId(), secret, client.getSecretHash())) {
            return true;
        }
        boolean matches = hasher.verify(secret, client.getSecretHash());
        if (matches) {
            verified.add(client.getClientId(), secret, client.getSecretHash());
        }
        return matches;
    }

    private static OAuthException failed() {
        return new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed");
    }
}
