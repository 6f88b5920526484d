package org.tollgate.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A signing key pair as a JWK. The active key has {@code activeSlot = 1}; a unique constraint on that
 * column lets the database, not a JVM, decide which key is active when several nodes start at once.
 */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKey.ACTIVE, query = "select k from SigningKey k where k.activeSlot = 1")
@NamedQuery(name = SigningKey.PUBLISHED, query = "select k from SigningKey k"
        + " where k.activeSlot = 1 or k.retireAfter > :now order by k.createdAt desc")
@NamedQuery(name = SigningKey.DEACTIVATE, query = "update SigningKey k set k.activeSlot = null,"
        + " k.retireAfter = :retireAfter, k.version = k.version + 1 where k.activeSlot = 1 and k.kid = :kid")
@NamedQuery(name = SigningKey.RETIRE, query = "update SigningKey k set k.retireAfter = :now, k.version = k.version + 1"
        + " where k.kid = :kid and k.activeSlot is null and k.retireAfter > :now")
public class SigningKey {

    public static final String ACTIVE = "SigningKey.active";
    public static final String PUBLISHED = "SigningKey.published";
    public static final String DEACTIVATE = "SigningKey.deactivate";
    public static final String RETIRE = "SigningKey.retire";

    @Id
    @Column(name = "kid", length = 64)
    private String kid;

    @Column(name = "alg", length = 16, nullable = false)
    private String alg;

    /** The whole key pair: JWK JSON, encrypted as a JWE under the key-encryption key. */
    @Column(name = "jwk", length = 8000, nullable = false)
    private String jwk;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "active_slot", unique = true)
    private Integer activeSlot;

    /** For an inactive key: until when it stays published for verification. */
    @Column(name = "retire_after")
    private Instant retireAfter;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SigningKey() {
    }

    public SigningKey(String kid, String alg, String jwk, Instant createdAt) {
        this.kid = kid;
        this.alg = alg;
        this.jwk = jwk;
        this.createdAt = createdAt;
        this.activeSlot = 1;
    }

    public String getKid() {
        return kid;
    }

    public String getAlg() {
        return alg;
    }

    public String getJwk() {
        return jwk;
    }

    public void setJwk(String jwk) {
        this.jwk = jwk;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isActive() {
        return activeSlot != null;
    }
}
