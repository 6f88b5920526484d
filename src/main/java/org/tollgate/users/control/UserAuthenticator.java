package org.tollgate.users.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.tollgate.persistence.Keys;
import org.tollgate.users.entity.User;

/** Checks resource owner credentials; every failure looks and costs the same. */
public final class UserAuthenticator {

    private final PasswordHasher hasher;

    public UserAuthenticator(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** The user when the username exists, is enabled and the password matches. */
    public Optional<User> authenticate(EntityManager em, String username, String password) {
        User user = Keys.find(em, User.class, username);
        if (user == null) {
            hasher.verifyDecoy(password);
            return Optional.empty();
        }
        String verified = user.getPasswordHash();
        boolean matches = hasher.verify(password, verified);
        if (!matches || !user.isEnabled() || !stillValid(em, user, verified, password)) {
            return Optional.empty();
        }
        if (hasher.needsRehash(user.getPasswordHash())) {
            // not through the entity: its version check failed the other logins of a user who signs in on several
            // devices at once
            em.createNamedQuery(User.REHASH).setParameter("rehashed", hasher.hash(password))
                    .setParameter("username", username).setParameter("verified", user.getPasswordHash())
                    .executeUpdate();
        }
        return Optional.of(user);
    }

    /**
     * Reads the user again, locked until the login commits: a password reset, disable or delete that
     * committed during the check wins, and one that comes after waits for the login's refresh token, and
     * then revokes it. Without this, a login that read the user before a reset (an attacker's, with the
     * stolen password) kept a refresh token of the old password. A hash changed by a concurrent login's
     * rehash still holds the password, and passes a second check. A write lock, not a shared one: two logins
     * holding a shared lock that both rehash would each wait for the other (PostgreSQL aborts one as a
     * deadlock); so logins of one user take turns from here to their commit, after their password checks.
     */
    private boolean stillValid(EntityManager em, User user, String verified, String password) {
        try {
            em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
        } catch (EntityNotFoundException deleted) {
            return false;
        }
        String current = user.getPasswordHash();
        return user.isEnabled() && (verified.equals(current) || hasher.verify(password, current));
    }

    /** Costs what a real check costs, for a request that is refused without one. */
    public void spendTimeOfACheck(String password) {
        hasher.verifyDecoy(password);
    }

    public boolean isEnabled(EntityManager em, String username) {
        User user = Keys.find(em, User.class, username);
        return user != null && user.isEnabled();
    }
}
