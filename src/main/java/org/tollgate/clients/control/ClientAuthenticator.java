package org.tollgate.clients.control;

import org.tollgate.clients.entity.Client;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.UnitOfWork;
import org.tollgate.users.control.PasswordHasher;

/** Authenticates the client of a token request, once, before any grant runs. */
public final class ClientAuthenticator {

    private final PasswordHasher hasher;
    private final ClientCache cache;
    private final UnitOfWork unitOfWork;
    private final VerifiedSecrets verified = new VerifiedSecrets();

    public ClientAuthenticator(PasswordHasher hasher, ClientCache cache, UnitOfWork unitOfWork) {
        this.hasher = hasher;
        this.cache = cache;
        this.unitOfWork = unitOfWork;
    }

    /**
     * Works outside the caller's transaction, from the client cache.
     *
     * @return the client as last read: read it, never change it
     * @throws OAuthException invalid_client for every failure, with one text for all unknown-or-wrong cases
     */
    public Client authenticate(ClientCredentials credentials) {
        if (credentials.method() == ClientCredentials.Method.ABSENT) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication is required");
        }
        Client client = cache.find(credentials.clientId());
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
            rehash(client, credentials.secret());
        }
        return client;
    }

    /** Not through the entity: its version check failed the client's other requests at the same moment. */
    private void rehash(Client client, String secret) {
        String hash = hasher.hash(secret);
        unitOfWork.run(em -> em.createNamedQuery(Client.REHASH).setParameter("rehashed", hash)
                .setParameter("clientId", client.getClientId()).setParameter("verified", client.getSecretHash())
                .executeUpdate());
        cache.forget(client.getClientId());
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
