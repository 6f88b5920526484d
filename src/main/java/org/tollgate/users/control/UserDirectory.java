package org.tollgate.users.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tollgate.persistence.Transactions;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.users.entity.User;

/**
 * Creating and changing users, each change one transaction, checked by the same rules as the import file.
 * Invalid input or an unknown user is an IllegalArgumentException whose text names the problem, never the
 * password.
 */
public final class UserDirectory {

    private final EntityManagerFactory emf;
    private final PasswordHasher hasher;
    private final Clock clock;

    public record UserView(String username, boolean enabled) {
    }

    public UserDirectory(EntityManagerFactory emf, PasswordHasher hasher, Clock clock) {
        this.emf = emf;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Users whose name starts with {@code prefix} (all when empty), in order, at most {@code max} of them. */
    public List<UserView> find(String prefix, int max) {
        String start = prefix == null ? "" : prefix;
        return Transactions.inTransaction(emf, em -> em.createQuery(
                        "select u from User u where u.username like :prefix escape '!' order by u.username", User.class)
                .setParameter("prefix", escapeLike(start) + "%")
                .setMaxResults(max)
                .getResultList().stream().map(UserDirectory::view).toList());
    }

    public UserView show(String username) {
        return Transactions.inTransaction(emf, em -> view(existing(em, username)));
    }

    public UserView create(String username, String password) {
        List<String> problems = new ArrayList<>();
        UserRules.checkUsername("user", username, problems);
        UserRules.checkPassword("user", password, problems);
        requireValid(problems);
        String hash = hasher.hash(password);
        return Transactions.inTransaction(emf, em -> {
            if (em.find(User.class, username) != null) {
                throw new IllegalArgumentException("A user '" + username + "' exists already");
            }
            User user = new User(username);
            user.setPasswordHash(hash);
            em.persist(user);
            return view(user);
        });
    }

    public UserView setEnabled(String username, boolean enabled) {
        return change(username, user -> user.setEnabled(enabled));
    }

    /** Sets a new password and revokes the user's refresh tokens: a reset often follows a compromise. */
    public UserView resetPassword(String username, String password) {
        List<String> problems = new ArrayList<>();
        UserRules.checkPassword("user", password, problems);
        requireValid(problems);
        String hash = hasher.hash(password);
        return Transactions.inTransaction(emf, em -> {
            User user = existing(em, username);
            user.setPasswordHash(hash);
            // the user's row first: a login under way holds it (UserAuthenticator) until its refresh token is
            // committed, which the revocation below then finds
            em.flush();
            RefreshTokenStore.revokeAll(em.createNamedQuery(RefreshToken.REVOKE_USER)
                    .setParameter("now", clock.instant()).setParameter("username", username));
            return view(user);
        });
    }

    /** Deletes the user and their refresh tokens, so that a user created later under the name starts clean. */
    public void delete(String username) {
        Transactions.inTransaction(emf, em -> {
            em.remove(existing(em, username));
            em.flush(); // the user's row first, as in resetPassword
            return em.createNamedQuery(RefreshToken.DELETE_OF_USER).setParameter("username", username)
                    .executeUpdate();
        });
    }

    private UserView change(String username, Consumer<User> change) {
        return Transactions.inTransaction(emf, em -> {
            User user = existing(em, username);
            change.accept(user);
            return view(user);
        });
    }

    private static User existing(EntityManager em, String username) {
        User user = username == null ? null : em.find(User.class, username);
        if (user == null) {
            throw new IllegalArgumentException("No user '" + username + "'");
        }
        return user;
    }

    private static UserView view(User user) {
        return new UserView(user.getUsername(), user.isEnabled());
    }

    private static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void requireValid(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
