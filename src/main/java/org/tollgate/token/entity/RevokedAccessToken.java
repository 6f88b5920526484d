package org.tollgate.token.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An access token revoked before its expiry, known by its jti, so introspection reports it inactive. */
@Entity
@Table(name = "revoked_access_tokens")
@NamedQuery(name = RevokedAccessToken.EXPIRED,
        query = "select t.jti from RevokedAccessToken t where t.expiresAt < :before")
@NamedQuery(name = RevokedAccessToken.DELETE_EXPIRED,
        query = "delete from RevokedAccessToken t where t.jti in :keys and t.expiresAt < :before")
public class RevokedAccessToken {

    public static final String EXPIRED = "RevokedAccessToken.expired";
    public static final String DELETE_EXPIRED = "RevokedAccessToken.deleteExpired";

    @Id
    @Column(name = "jti", length = 64)
    private String jti;

    @Column(name = "client_id", length = 255, nullable = false)
    private String clientId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RevokedAccessToken() {
    }

    public RevokedAccessToken(String jti, String clientId, Instant expiresAt) {
        this.jti = jti;
        this.clientId = clientId;
        this.expiresAt = expiresAt;
    }

    public String getJti() {
        return jti;
    }
}
