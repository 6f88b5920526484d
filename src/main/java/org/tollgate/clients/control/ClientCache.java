package org.tollgate.clients.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tollgate.clients.entity.Client;
import org.tollgate.persistence.Keys;
import org.tollgate.token.control.UnitOfWork;

/**
 * The registered clients as this node last read them, trusted for a few seconds, so a token request
 * needs no database read to authenticate its client (client_credentials then needs none at all). A
 * change made on this node is seen at once; one made on another node sharing the database within
 * {@link #TTL}, as with the signing keys. Entries are detached copies that nobody modifies.
 */
public final class ClientCache {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(Client client, Instant readAt) {
    }

    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Changes made on this node so far: a read that one overlapped must not stay cached. */
    private final AtomicLong forgets = new AtomicLong();

    public ClientCache(UnitOfWork unitOfWork, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    /** The client, or null when no such client is registered (which is never remembered). */
    public Client find(String clientId) {
        if (clientId == null) {
            return null;
        }
        Instant now = clock.instant();
        Entry entry = entries.get(clientId);
        if (entry != null && entry.readAt().plus(TTL).isAfter(now)) {
            return entry.client();
        }
        long forgetsBefore = forgets.get();
        Client client = unitOfWork.run(em -> Keys.find(em, Client.class, clientId));
        if (client == null) {
            entries.remove(clientId);
        } else {
            Entry read = new Entry(client, now);
            entries.put(clientId, read);
            if (forgets.get() != forgetsBefore) {
                // a change committed during the read may be missing from it: keep nothing that could be stale
                entries.remove(clientId, read);
            }
        }
        return client;
    }

    /** Called after a change to the client has been committed on this node. */
    public void forget(String clientId) {
        forgets.incrementAndGet();
        entries.remove(clientId);
    }
}
