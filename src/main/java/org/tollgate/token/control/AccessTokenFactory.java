package org.tollgate.token.control;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.tollgate.keys.control.KeyRing;

/** Builds and signs RFC 9068 JWT access tokens. */
public final class AccessTokenFactory {

    /** The claim naming the refresh token family an access token was issued with. */
    public static final String GRANT_CLAIM = "sid";
    /** When the user signed in (RFC 9068 section 2.2.1); only a user's tokens carry it. */
    public static final String AUTH_TIME_CLAIM = "auth_time";

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public AccessTokenFactory(KeyRing keys, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A fresh token id, unique to one access token. */
    public static String newJti() {
        return UUID.randomUUID().toString();
    }

    /**
     * Called after the request's transaction: the key ring's periodic re-read takes a pooled connection of
     * its own, which a request holding row locks must never wait for.
     */
    public String create(String clientId, Grant grant, long ttlSeconds, String jti) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(grant.subject())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .jwtID(jti)
                .claim("client_id", clientId);
        if (!grant.scope().isEmpty()) {
            claims.claim("scope", grant.scope().toString());
        }
        if (grant.authenticatedAt() != null) {
            claims.claim(AUTH_TIME_CLAIM, grant.authenticatedAt().getEpochSecond());
        }
        if (grant.refreshFamily() != null) {
            // the grant's refresh token family, as Keycloak's sid names its session: revoking the family
            // (RFC 7009 section 2.1) makes introspection report this token inactive too
            claims.claim(GRANT_CLAIM, grant.refreshFamily());
        }
        return keys.signer().sign(claims.build());
    }
}
