package org.tollgate.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs RFC 9068 access tokens with one key; the signer is built once and is thread-safe. */
public final class JwtSigner {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final JWSHeader header;
    private final JWSSigner signer;

    public JwtSigner(JWK key) {
        JWSAlgorithm alg = JWSAlgorithm.parse(key.getAlgorithm().getName());
        this.header = new JWSHeader.Builder(alg).type(AT_JWT).keyID(key.getKeyID()).build();
        try {
            this.signer = new DefaultJWSSignerFactory().createJWSSigner(key, alg);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with key " + key.getKeyID(), e);
        }
    }

    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }

    public String keyId() {
        return header.getKeyID();
    }
}
