package org.tollgate.users.control;

import jakarta.persistence.EntityManager;
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
        boolean matches = hasher.verify(password, user.getPasswordHash());
        if (!matches || !user.isEnabled()) {
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

    /** Costs what a real check costs, for a request that is refused without one. */
    public void spendTimeOfACheck(String password) {
        hasher.verifyDecoy(password);
    }

    public boolean isEnabled(EntityManager em, String username) {
        User user = Keys.find(em, User.class, username);
        return user != null && user.isEnabled();
    }
}
