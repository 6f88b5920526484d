package org.tollgate.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A refresh token, known only by the SHA-256 hash of its value. Tokens of one grant share a family:
 * each refresh rotates the presented token and adds a new one to the family.
 */
@Entity
@Table(name = "refresh_tokens")
// SQL, not JPQL: Hibernate translates a JPQL update anew on every execution, and this one runs on every refresh
@NamedNativeQuery(name = RefreshToken.ROTATE, query = "UPDATE refresh_tokens SET rotated_at = :now,"
        + " successor_hash = :successor, version = version + 1"
        + " WHERE token_hash = :hash AND rotated_at IS NULL AND revoked_at IS NULL")
@NamedQuery(name = RefreshToken.SPEND_GRACE, query = "update RefreshToken t set t.successorHash = null,"
        + " t.version = t.version + 1 where t.tokenHash = :hash and t.successorHash = :successor")
@NamedQuery(name = RefreshToken.REVOKE_FAMILY, query = "update RefreshToken t set t.revokedAt = :now, t.version = t.version + 1"
        + " where t.familyId = :family and t.revokedAt is null")
@NamedQuery(name = RefreshToken.REVOKE_USER, query = "update RefreshToken t set t.revokedAt = :now, t.version = t.version + 1"
        + " where t.username = :username and t.revokedAt is null")
@NamedQuery(name = RefreshToken.REVOKE_CLIENT, query = "update RefreshToken t set t.revokedAt = :now, t.version = t.version + 1"
        + " where t.clientId = :client and t.revokedAt is null")
@NamedQuery(name = RefreshToken.FAMILY_STATE, query = "select count(t), count(t.revokedAt) from RefreshToken t"
        + " where t.familyId = :family")
@NamedQuery(name = RefreshToken.COUNT_LIVE, query = "select count(t) from RefreshToken t"
        + " where t.revokedAt is null and t.rotatedAt is null and t.expiresAt > :now")
@NamedQuery(name = RefreshToken.DELETE_OF_CLIENT, query = "delete from RefreshToken t where t.clientId = :client")
@NamedQuery(name = RefreshToken.DELETE_OF_USER, query = "delete from RefreshToken t where t.username = :username")
@NamedQuery(name = RefreshToken.EXPIRED, query = "select t.tokenHash from RefreshToken t where t.expiresAt < :before")
@NamedQuery(name = RefreshToken.DELETE_EXPIRED, query = "delete from RefreshToken t where t.tokenHash in :keys"
        + " and t.expiresAt < :before")
public class RefreshToken {

    public static final String ROTATE = "RefreshToken.rotate";
    public static final String SPEND_GRACE = "RefreshToken.spendGrace";
    public static final String REVOKE_FAMILY = "RefreshToken.revokeFamily";
    public static final String REVOKE_USER = "RefreshToken.revokeUser";
    public static final String REVOKE_CLIENT = "RefreshToken.revokeClient";
    public static final String COUNT_LIVE = "RefreshToken.countLive";
    /** A family's rows and how many of them are revoked: a revocation marks every row of the family. */
    public static final String FAMILY_STATE = "RefreshToken.familyState";
    public static final String DELETE_OF_CLIENT = "RefreshToken.deleteOfClient";
    public static final String DELETE_OF_USER = "RefreshToken.deleteOfUser";
    public static final String EXPIRED = "RefreshToken.expired";
    public static final String DELETE_EXPIRED = "RefreshToken.deleteExpired";

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "family_id", length = 36, nullable = false)
    private String familyId;

    @Column(name = "client_id", length = 255, nullable = false)
    private String clientId;

    @Column(name = "username", length = 255, nullable = false)
    private String username;

    @Column(name = "scope", length = 1000, nullable = false)
    private String scope;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    /** When the family's user signed in; null for families begun before Tollgate recorded it. */
    @Column(name = "authenticated_at")
    private Instant authenticatedAt;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** The token this one was rotated into, while this one may still be presented in the grace window. */
    @Column(name = "successor_hash", length = 64)
    private String successorHash;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RefreshToken() {
    }

    public RefreshToken(String tokenHash, String familyId, String clientId, String username, String scope,
                        Instant issuedAt, Instant expiresAt, Instant authenticatedAt) {
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.clientId = clientId;
        this.username = username;
        this.scope = scope;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.authenticatedAt = authenticatedAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getFamilyId() {
        return familyId;
    }

    public String getClientId() {
        return clientId;
    }

    public String getUsername() {
        return username;
    }

    public String getScope() {
        return scope;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getAuthenticatedAt() {
        return authenticatedAt;
    }

    public Instant getRotatedAt() {
        return rotatedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getSuccessorHash() {
        return successorHash;
    }
}
