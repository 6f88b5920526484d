package org.tollgate.users.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.tollgate.persistence.Transactions;
import org.tollgate.users.entity.LoginFailures;

/**
 * Brute-force throttling of the password grant, per username and per client address, kept in the
 * database so it holds across nodes and restarts. Unknown usernames are counted like known ones, so a
 * lock says nothing about whether an account exists.
 */
public final class LoginThrottle {

    private final EntityManagerFactory emf;
    private final ThrottlePolicy users;
    private final ThrottlePolicy addresses;
    private final Clock clock;

    public LoginThrottle(EntityManagerFactory emf, ThrottlePolicy users, ThrottlePolicy addresses, Clock clock) {
        this.emf = emf;
        this.users = users;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** What the throttle holds on a login attempt, read before its password is checked. */
    public record Standing(boolean locked, boolean userHasFailures) {
    }

    public Standing standing(EntityManager em, String username, String address) {
        Instant now = clock.instant();
        LoginFailures user = read(em, userSubject(username));
        LoginFailures origin = address == null ? null : read(em, addressSubject(address));
        boolean locked = (user != null && user.isLocked(now)) || (origin != null && origin.isLocked(now));
        return new Standing(locked, user != null);
    }

    /** Counts a failure for the username and the address, inside the caller's (committed) transaction. */
    public void recordFailure(EntityManager em, String username, String address) {
        record(em, userSubject(username), users);
        if (address != null) {
            record(em, addressSubject(address), addresses);
        }
    }

    /**
     * A successful login clears the username's count; the address keeps its own. Most logins follow no
     * failure, and skip the statement: a failure counted meanwhile by a concurrent request stays counted.
     */
    public void recordSuccess(EntityManager em, String username, Standing before) {
        if (before.userHasFailures()) {
            em.createNamedQuery(LoginFailures.FORGET).setParameter("subject", userSubject(username))
                    .executeUpdate();
        }
    }

    /** An administrator lifts a username's lock and forgets its failures; false when there were none. */
    public boolean unlockUser(String username) {
        return forget(userSubject(username));
    }

    /** An administrator lifts a client address's lock and forgets its failures; false when there were none. */
    public boolean unlockAddress(String address) {
        return forget(addressSubject(address));
    }

    private boolean forget(String subject) {
        return Transactions.inTransaction(emf, em -> em.createNamedQuery(LoginFailures.FORGET)
                .setParameter("subject", subject).executeUpdate() > 0);
    }

    /**
     * Read without a lock, and left unmanaged: {@link #record} locks the row later, and Hibernate would lock a
     * managed copy by its version, failing when a concurrent failure has counted meanwhile.
     */
    private static LoginFailures read(EntityManager em, String subject) {
        LoginFailures failures = em.find(LoginFailures.class, subject);
        if (failures != null) {
            em.detach(failures);
        }
        return failures;
    }

    private void record(EntityManager em, String subject, ThrottlePolicy policy) {
        LoginFailures failures = null;
        // an unlock or the purge may delete the row between its creation and the lock: then create it again,
        // and after three such deletions in a row leave this failure uncounted rather than fail the request
        for (int attempt = 0; failures == null && attempt < 3; attempt++) {
            ensureRow(subject);
            failures = em.find(LoginFailures.class, subject, LockModeType.PESSIMISTIC_WRITE);
        }
        if (failures == null) {
            return;
        }
        Instant now = clock.instant();
        int count = failures.count(now, policy.windowSeconds());
        long lock = policy.lockSeconds(count);
        if (lock > 0) {
            failures.lockUntil(now.plusSeconds(lock));
        }
    }

    /** Creates the row in its own transaction, so that two first failures at once cannot collide. */
    private void ensureRow(String subject) {
        try {
            Transactions.inTransaction(emf, em -> {
                if (em.find(LoginFailures.class, subject) == null) {
                    em.persist(new LoginFailures(subject, clock.instant()));
                }
                return null;
            });
        } catch (PersistenceException createdByAnotherRequest) {
            // the row exists now, which is all this wanted
        }
    }

    /** PostgreSQL text cannot hold NUL, so it becomes U+2400 in the key: still counted, never a failed query. */
    private static String userSubject(String username) {
        String key = "user:" + username.toLowerCase(Locale.ROOT).replace('\u0000', '\u2400');
        return key.length() <= 320 ? key : key.substring(0, 320);
    }

    private static String addressSubject(String address) {
        return "address:" + address;
    }
}
