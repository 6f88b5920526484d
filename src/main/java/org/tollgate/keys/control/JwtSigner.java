package org.tollgate.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/** Signs RFC 9068 access tokens with one key; the signer is built once and is thread-safe. */
public final class JwtSigner {

    /**
     * One signature per core at a time, the rest queue in arrival order. A signature is pure CPU: with more
     * at once than cores the scheduler time-slices them, and a token whose signature is preempted waits for
     * every other one in flight (at 8 connections on 2 cores, p99 four times the median). Callers hold no
     * database connection while they wait: tokens are signed after their transaction.
     */
    private static final Semaphore SIGNING_SLOTS = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final JWSHeader header;
    private final String encodedHeader;
    private final JWSSigner signer;

    public JwtSigner(JWK key) {
        this(key, SigningProvider.JVM_DEFAULT);
    }

    public JwtSigner(JWK key, SigningProvider provider) {
        JWSAlgorithm alg = JWSAlgorithm.parse(key.getAlgorithm().getName());
        this.header = new JWSHeader.Builder(alg).type(AT_JWT).keyID(key.getKeyID()).build();
        this.encodedHeader = header.toBase64URL().toString();
        try {
            this.signer = provider.signerFor(key, alg);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with key " + key.getKeyID(), e);
        }
    }

    /**
     * The JWS compact serialization that {@code SignedJWT} would produce, built without its constant-time
     * Base64 codec for the header (encoded once here) and the claims: neither is secret, and the codec
     * cost a tenth of a token's CPU time.
     */
    public String sign(JWTClaimsSet claims) {
        String signingInput = encodedHeader + '.'
                + B64URL.encodeToString(claims.toPayload().toBytes());
        SIGNING_SLOTS.acquireUninterruptibly();
        try {
            return signingInput + '.' + signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        } finally {
            SIGNING_SLOTS.release();
        }
    }

    public String keyId() {
        return header.getKeyID();
    }
}
