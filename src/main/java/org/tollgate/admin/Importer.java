package org.tollgate.admin;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.tollgate.clients.entity.Client;
import org.tollgate.persistence.Transactions;
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

    public Importer(EntityManagerFactory emf, PasswordHasher hasher) {
        this.emf = emf;
        this.hasher = hasher;
    }

    public void importFile(Path file) {
        ImportFile content = ImportFile.read(file);
        long[] created = Transactions.inTransaction(emf, em -> new long[] {
            content.clients().stream().filter(entry -> apply(em, entry)).count(),
            content.users().stream().filter(entry -> apply(em, entry)).count()});
        LOG.info(String.format("Imported %s: %d clients (%d new), %d users (%d new)", file,
                content.clients().size(), created[0], content.users().size(), created[1]));
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
        user.setPasswordHash(rehashIfChanged(entry.password(), user.getPasswordHash()));
        user.setEnabled(entry.enabled() == null || entry.enabled());
        if (created) {
            em.persist(user);
        }
        return created;
    }

    private String rehashIfChanged(String secret, String storedHash) {
        boolean current = storedHash != null && hasher.verify(secret, storedHash) && !hasher.needsRehash(storedHash);
        return current ? storedHash : hasher.hash(secret);
    }
}
