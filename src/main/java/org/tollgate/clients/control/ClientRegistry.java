package org.tollgate.clients.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.tollgate.clients.entity.Client;
import org.tollgate.persistence.Transactions;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.users.control.PasswordHasher;

/**
 * Registering and changing clients, each change one transaction, checked by the same rules as the import
 * file. Secrets are generated here (256 random bits), handed back once and kept only as hashes.
 * Invalid input or an unknown client is an IllegalArgumentException whose text names the problem.
 */
public final class ClientRegistry {

    private static final int SECRET_BYTES = 32;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final EntityManagerFactory emf;
    private final PasswordHasher hasher;
    /** Told of every committed change, so this node's token requests see it at once. */
    private final ClientCache cache;
    private final SecureRandom random = new SecureRandom();

    /** A client as administrators see it: everything but the secret's hash. */
    public record ClientView(String clientId, String authMethod, List<String> grantTypes, String scope,
                             Long accessTokenTtl, Long refreshTokenTtl, boolean enabled) {

        static ClientView of(Client c) {
            return new ClientView(c.getClientId(), c.getAuthMethod(), c.getGrantTypes().stream().sorted().toList(),
                    c.getScope(), c.getAccessTokenTtl(), c.getRefreshTokenTtl(), c.isEnabled());
        }
    }

    /** A new client and its secret (null for a public client); the secret exists nowhere else. */
    public record Registered(ClientView client, String secret) {
    }

    public ClientRegistry(EntityManagerFactory emf, PasswordHasher hasher, ClientCache cache) {
        this.cache = cache;
        this.emf = emf;
        this.hasher = hasher;
    }

    public List<ClientView> list() {
        return Transactions.inTransaction(emf, em -> em.createQuery(
                "select c from Client c order by c.clientId", Client.class).getResultStream().map(ClientView::of).toList());
    }

    public ClientView show(String clientId) {
        return Transactions.inTransaction(emf, em -> ClientView.of(existing(em, clientId)));
    }

    /** @param grantTypes space- or comma-separated */
    public Registered register(String clientId, String authMethod, String grantTypes, String scope) {
        List<String> grants = split(grantTypes);
        String method = authMethod == null || authMethod.isBlank() ? "client_secret_basic" : authMethod.trim();
        List<String> problems = new ArrayList<>();
        ClientRules.checkClientId("client", clientId, problems);
        boolean isPublic = Client.AUTH_NONE.equals(method);
        ClientRules.checkAuthMethod("client", method, problems);
        ClientRules.checkGrantTypes("client", grants, isPublic, problems);
        ClientRules.checkScope("client", scope, problems);
        requireValid(problems);
        String secret = isPublic ? null : newSecret();
        String secretHash = secret == null ? null : hasher.hash(secret);
        ClientView view = Transactions.inTransaction(emf, em -> {
            if (em.find(Client.class, clientId) != null) {
                throw new IllegalArgumentException("A client '" + clientId + "' exists already");
            }
            Client client = new Client(clientId);
            client.setAuthMethod(method);
            client.setSecretHash(secretHash);
            client.setGrantTypes(grants);
            client.setScope(scope == null ? "" : scope.trim());
            em.persist(client);
            return ClientView.of(client);
        });
        return new Registered(view, secret);
    }

    /** @param grantTypes space- or comma-separated */
    public ClientView updateGrantTypes(String clientId, String grantTypes) {
        List<String> grants = split(grantTypes);
        return change(clientId, client -> {
            List<String> problems = new ArrayList<>();
            ClientRules.checkGrantTypes("client", grants, client.isPublic(), problems);
            requireValid(problems);
            client.setGrantTypes(grants);
        });
    }

    public ClientView updateScope(String clientId, String scope) {
        List<String> problems = new ArrayList<>();
        ClientRules.checkScope("client", scope, problems);
        requireValid(problems);
        return change(clientId, client -> client.setScope(scope == null ? "" : scope.trim()));
    }

    /** A null lifetime means the server's setting. */
    public ClientView updateLifetimes(String clientId, Long accessTokenTtl, Long refreshTokenTtl) {
        List<String> problems = new ArrayList<>();
        ClientRules.checkLifetimes("client", accessTokenTtl, refreshTokenTtl, problems);
        requireValid(problems);
        return change(clientId, client -> {
            client.setAccessTokenTtl(accessTokenTtl);
            client.setRefreshTokenTtl(refreshTokenTtl);
        });
    }

    /** A new secret for a confidential client; the old one stops working at once. */
    public String rotateSecret(String clientId) {
        String secret = newSecret();
        String hash = hasher.hash(secret);
        change(clientId, client -> {
            if (client.isPublic()) {
                throw new IllegalArgumentException("Client '" + clientId + "' is public and has no secret");
            }
            client.setSecretHash(hash);
        });
        return secret;
    }

    public ClientView setEnabled(String clientId, boolean enabled) {
        return change(clientId, client -> client.setEnabled(enabled));
    }

    /** Deletes the client and its refresh tokens, so that a client registered later under the id starts clean. */
    public void delete(String clientId) {
        Transactions.inTransaction(emf, em -> {
            em.remove(existing(em, clientId));
            return em.createNamedQuery(RefreshToken.DELETE_OF_CLIENT).setParameter("client", clientId).executeUpdate();
        });
        cache.forget(clientId);
    }

    private ClientView change(String clientId, Consumer<Client> change) {
        ClientView changed = Transactions.inTransaction(emf, em -> {
            Client client = existing(em, clientId);
            change.accept(client);
            return ClientView.of(client);
        });
        cache.forget(clientId);
        return changed;
    }

    private static Client existing(EntityManager em, String clientId) {
        Client client = clientId == null ? null : em.find(Client.class, clientId);
        if (client == null) {
            throw new IllegalArgumentException("No client '" + clientId + "'");
        }
        return client;
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    static List<String> split(String list) {
        return list == null ? List.of()
                : Arrays.stream(list.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static void requireValid(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
