package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Verifies access tokens exactly as a resource server would (RFC 9068): signature against the published
 * JWK set, typ at+jwt, issuer, audience and the required claims.
 */
public final class AccessTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    private static final Set<String> REQUIRED =
            Set.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope");

    private final JWKSource<SecurityContext> keys;
    private final String issuer;
    private final String audience;

    public AccessTokens(TokenEndpoint endpoint) {
        try {
            this.keys = JWKSourceBuilder.create(endpoint.jwksUri().toURL()).retrying(false).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        this.issuer = System.getProperty("tollgate.it.issuer");
        assertNotNull(issuer, "system property tollgate.it.issuer (set by the failsafe plugin) is missing");
        this.audience = System.getProperty("tollgate.it.audience", issuer);
    }

    /**
     * @param expiresIn the token answer's expires_in, which must equal exp - iat
     * @return the verified claims
     */
    public JWTClaimsSet verify(String accessToken, String subject, String clientId, Set<String> scope, long expiresIn) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim("client_id", clientId).build(),
                REQUIRED, null));
        JWTClaimsSet claims;
        JWSHeader header;
        try {
            claims = processor.process(accessToken, null);
            header = SignedJWT.parse(accessToken).getHeader();
        } catch (ParseException | com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError("access token rejected by a resource server: " + e.getMessage(), e);
        }
        assertNotNull(header.getKeyID(), "access token header has no kid");
        assertEquals(scope, Answers.scope(claimText(claims, "scope")), "scope claim");
        assertTrue(!claimText(claims, "jti").isBlank(), "jti claim is blank");
        Instant issued = claims.getIssueTime().toInstant();
        assertTrue(Duration.between(issued, Instant.now()).abs().compareTo(Duration.ofMinutes(2)) < 0,
                () -> "iat is far from now: " + issued);
        assertEquals(expiresIn, Duration.between(issued, claims.getExpirationTime().toInstant()).toSeconds(),
                "exp - iat must equal expires_in");
        return claims;
    }

    /** Sleeps until a second has passed since the token's {@code exp} (a whole second: exp has no fraction). */
    public static void waitUntilExpired(String accessToken) throws InterruptedException {
        Instant expiry;
        try {
            expiry = SignedJWT.parse(accessToken).getJWTClaimsSet().getExpirationTime().toInstant();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
        long wait = Duration.between(Instant.now(), expiry.plusSeconds(1)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static String claimText(JWTClaimsSet claims, String name) {
        try {
            String value = claims.getStringClaim(name);
            assertNotNull(value, () -> name + " claim is missing");
            return value;
        } catch (ParseException e) {
            throw new AssertionError(name + " claim is not a string", e);
        }
    }
}
