package org.tollgate.admin;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;
import org.tollgate.clients.entity.Client;
import org.tollgate.persistence.Transactions;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.users.control.PasswordHasher;
import org.tollgate.users.entity.User;

/**
 * Creates or updates the clients and users of an import file, in one transaction. Idempotent: a secret
 * or password that still matches its stored hash is left as it is; the file itself is never written.
 */
public final class Importer {

    private static final Logger LOG = Logger.getLogger(Importer.class.getName());

    private final EntityManagerFactory emf;
    private final PasswordHasher hasher;
    private final Clock clock;

    public Importer(EntityManagerFactory emf, PasswordHasher hasher, Clock clock) {
        this.emf = emf;
        this.hasher = hasher;
        this.clock = clock;
    }

    public void importFile(Path file) {
        ImportFile content = ImportFile.read(file);
        // another node starting at the same moment on the same database may create an entry first
        long[] created = Transactions.againIfDuplicateKey(() -> apply(content));
        LOG.info(String.format("Imported %s: %d clients (%d new), %d users (%d new)", file,
                content.clients().size(), created[0], content.users().size(), created[1]));
    }

    /** @return how many clients and how many users were new */
    private long[] apply(ImportFile content) {
        return Transactions.inTransaction(emf, em -> new long[] {
            content.clients().stream().filter(entry -> apply(em, entry)).count(),
            content.users().stream().filter(entry -> apply(em, entry)).count()});
    }

    /** @return true when the client is new */
    private boolean apply(EntityManager em, ImportFile.ClientEntry entry) {
        Client client = em.find(Client.class, entry.clientId());
        boolean created = client == null;
        if (created) {
            client = new Client(entry.clientId());
        }
        client.setAuthMethod(entry.effectiveAuthMethod());
        client.setSecretHash(entry.clientSecret() == null ? null : rehashIfChanged(entry.clientSecret(),
                client.getSecretHash()));
        client.setGrantTypes(entry.grantTypes());
        client.setScope(entry.scope());
        client.setAccessTokenTtl(entry.accessTokenTtl());
        client.setRefreshTokenTtl(entry.refreshTokenTtl());
        client.setEnabled(entry.enabled() == null || entry.enabled());
        if (created) {
            em.persist(client);
        }
        return created;
    }

    /** @return true when the user is new */
    private boolean apply(EntityManager em, ImportFile.UserEntry entry) {
        User user = em.find(User.class, entry.username());
        boolean created = user == null;
        if (created) {
            user = new User(entry.username());
        }
        String stored = user.getPasswordHash();
        boolean samePassword = stored != null && hasher.verify(entry.password(), stored);
        user.setPasswordHash(keptOrNew(entry.password(), stored, samePassword));
        user.setEnabled(entry.enabled() == null || entry.enabled());
        if (created) {
            em.persist(user);
        } else if (!samePassword) {
            // a new password, as from the Users MBean's resetPassword: the sessions of the old one end
            RefreshTokenStore.revokeAll(em.createNamedQuery(RefreshToken.REVOKE_USER)
                    .setParameter("now", clock.instant()).setParameter("username", entry.username()));
        }
        return created;
    }

    private String rehashIfChanged(String secret, String storedHash) {
        return keptOrNew(secret, storedHash, storedHash != null && hasher.verify(secret, storedHash));
    }

    /** The stored hash while it holds the secret at the configured cost, else a new one. */
    private String keptOrNew(String secret, String storedHash, boolean holdsTheSecret) {
        return holdsTheSecret && !hasher.needsRehash(storedHash) ? storedHash : hasher.hash(secret);
    }
}
