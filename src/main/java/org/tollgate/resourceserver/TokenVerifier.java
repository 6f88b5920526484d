package org.tollgate.resourceserver;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.util.Set;

/**
 * Verifies access tokens against the issuer's JWKS, which Nimbus caches and fetches again when a token
 * names a key it has not seen (a rotation). Unsigned ({@code alg: none}) tokens never pass. While the JWKS
 * cannot be fetched, the keys of the last fetch keep serving for the outage tolerance; past it, or with no
 * fetch yet, a token cannot be verified either way, which is not the token's fault.
 */
final class TokenVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256);
    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "client_id");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    TokenVerifier(URL jwksUri, String issuer, String audience, int clockSkewSeconds, long minRefreshMillis,
                  long outageToleranceMillis) {
        this(jwksUri, issuer, audience, clockSkewSeconds, minRefreshMillis, outageToleranceMillis,
                JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE);
    }

    /** @param cacheMillis how long a fetched JWKS is used before it is fetched again */
    TokenVerifier(URL jwksUri, String issuer, String audience, int clockSkewSeconds, long minRefreshMillis,
                  long outageToleranceMillis, long cacheMillis) {
        // Nimbus's defaults for the default cache time; scaled down with a shorter one (a test's)
        long refreshTimeout = Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, cacheMillis / 4);
        long refreshAhead = Math.min(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, cacheMillis / 4);
        JWKSourceBuilder<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwksUri).retrying(true)
                .cache(cacheMillis, refreshTimeout).refreshAheadCache(refreshAhead, false)
                .rateLimited(minRefreshMillis);
        JWKSource<SecurityContext> keys = (outageToleranceMillis > 0 ? source.outageTolerant(outageToleranceMillis)
                : source.outageTolerant(false)).build();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS);
        claims.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** @throws InvalidTokenException with a description safe to send back */
    JWTClaimsSet verify(String token) {
        try {
            return processor.process(token, null);
        } catch (java.text.ParseException e) {
            throw new InvalidTokenException("The access token is malformed");
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            throw new InvalidTokenException("The access token is invalid or expired");
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new InvalidTokenException("The access token cannot be verified");
        }
    }

    /** The issuer's JWKS could not be fetched, and no earlier fetch may stand in for it. */
    static final class KeysUnavailableException extends RuntimeException {
        KeysUnavailableException(KeySourceException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String description) {
            super(description, null, false, false);
        }
    }
}
