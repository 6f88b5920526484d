package org.tollgate.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/** A registered OAuth client, with the RFC 7591 metadata Tollgate uses. */
@Entity
@Table(name = "clients")
// only while the hash is still the one verified: a concurrent rehash, or a new secret, wins; no version check
@NamedQuery(name = Client.REHASH, query = "update Client c set c.secretHash = :rehashed"
        + " where c.clientId = :clientId and c.secretHash = :verified")
public class Client {

    public static final String REHASH = "Client.rehash";

    public static final String AUTH_NONE = "none";
    public static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", AUTH_NONE);

    @Id
    @Column(name = "client_id", length = 255)
    private String clientId;

    /** PHC-format hash of the secret; null for a public client. */
    @Column(name = "secret_hash", length = 255)
    private String secretHash;

    @Column(name = "auth_method", length = 32, nullable = false)
    private String authMethod;

    /** Space-separated grant types. */
    @Column(name = "grant_types", length = 255, nullable = false)
    private String grantTypes;

    @Column(name = "scope", length = 1000, nullable = false)
    private String scope;

    @Column(name = "access_token_ttl")
    private Long accessTokenTtl;

    @Column(name = "refresh_token_ttl")
    private Long refreshTokenTtl;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Client() {
    }

    public Client(String clientId) {
        this.clientId = clientId;
    }

    public String getClientId() {
        return clientId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public String getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(String authMethod) {
        this.authMethod = authMethod;
    }

    public boolean isPublic() {
        return AUTH_NONE.equals(authMethod);
    }

    public Set<String> getGrantTypes() {
        return grantTypes.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(grantTypes.split(" ")));
    }

    public void setGrantTypes(Collection<String> grantTypes) {
        this.grantTypes = String.join(" ", grantTypes);
    }

    public boolean allowsGrant(String grantType) {
        return getGrantTypes().contains(grantType);
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope == null ? "" : scope;
    }

    public Long getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Long accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Long getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Long refreshTokenTtl) {
        this.refreshTokenTtl = refreshTokenTtl;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
