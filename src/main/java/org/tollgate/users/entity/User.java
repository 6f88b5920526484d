package org.tollgate.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A resource owner who signs in with the password grant. */
@Entity
@Table(name = "users")
// only while the hash is still the one verified: a concurrent rehash, or a password reset, wins; no version check
@NamedQuery(name = User.REHASH, query = "update User u set u.passwordHash = :rehashed"
        + " where u.username = :username and u.passwordHash = :verified")
public class User {

    public static final String REHASH = "User.rehash";

    @Id
    @Column(name = "username", length = 255)
    private String username;

    /** PHC-format hash of the password. */
    @Column(name = "password_hash", length = 255, nullable = false)
    private String passwordHash;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected User() {
    }

    public User(String username) {
        this.username = username;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
