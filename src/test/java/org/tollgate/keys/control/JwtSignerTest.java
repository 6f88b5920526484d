package org.tollgate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JwtSignerTest {

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void whenSignedThenThePublicKeyVerifiesAndTheHeaderNamesTheKey(String algorithm) throws Exception {
        JWK key = KeyGenerator.generate(KeyGenerator.algorithm(algorithm));
        String token = new JwtSigner(key).sign(new JWTClaimsSet.Builder().subject("alice").build());

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.parse(algorithm), jwt.getHeader().getAlgorithm());
        assertEquals("at+jwt", jwt.getHeader().getType().getType());
        assertEquals(key.getKeyID(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                SigningProvider.publicKeyOf(key.toPublicJWK()))));
        assertEquals("alice", jwt.getJWTClaimsSet().getSubject());
    }

    /** RS256 signatures are deterministic, so the token must be exactly what Nimbus's own SignedJWT makes. */
    @Test
    void whenSignedThenTheTokenIsTheSameAsNimbusSerializes() throws Exception {
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);
        JwtSigner signer = new JwtSigner(key);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://tollgate.test").subject("zoë")
                .claim("scope", "read write").claim("client_id", "odd:client").build();

        SignedJWT nimbus = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JwtSigner.AT_JWT)
                .keyID(key.getKeyID()).build(), claims);
        nimbus.sign(new DefaultJWSSignerFactory().createJWSSigner(key, JWSAlgorithm.RS256));
        assertEquals(nimbus.serialize(), signer.sign(claims));
    }

    @Test
    void whenAKeyIsGeneratedThenItIsForSigningAndItsKidIsItsThumbprint() throws Exception {
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);
        assertEquals(KeyUse.SIGNATURE, key.getKeyUse());
        assertEquals(key.computeThumbprint().toString(), key.getKeyID());
        assertFalse(key.toPublicJWK().isPrivate());
    }

    @Test
    void whenTheAlgorithmIsNotSupportedThenTheMessageNamesTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyGenerator.algorithm("HS256"));
        assertTrue(e.getMessage().contains("signing.alg"));
    }
}
