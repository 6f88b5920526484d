package org.tollgate.token.control;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Optional;
import java.util.Set;
import org.tollgate.keys.control.KeyRing;

/** Checks an access token as a resource server would: a published key's signature, at+jwt, issuer, expiry. */
public final class AccessTokenVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256);
    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti", "client_id");

    private final KeyRing keys;
    private final String issuer;

    public AccessTokenVerifier(KeyRing keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** The token's claims when it is one of ours and unexpired; empty for anything else. */
    public Optional<JWTClaimsSet> verify(String token) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                new ImmutableJWKSet<>(keys.publicKeys())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS);
        // the server's own clock decides: no tolerance for skew, an expired token is inactive at once
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
        try {
            return Optional.of(processor.process(token, null));
        } catch (Exception notOurs) {
            // malformed, forged, foreign or expired: all simply "not a valid access token"
            return Optional.empty();
        }
    }
}
