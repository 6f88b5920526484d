package org.tollgate.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Map;

/** Creates a key pair for a signing algorithm; its kid is the RFC 7638 thumbprint. */
final class KeyGenerator {

    static final Map<String, JWSAlgorithm> SUPPORTED = Map.of(
            "RS256", JWSAlgorithm.RS256,
            "PS256", JWSAlgorithm.PS256,
            "ES256", JWSAlgorithm.ES256);

    private KeyGenerator() {
    }

    static JWSAlgorithm algorithm(String name) {
        JWSAlgorithm alg = SUPPORTED.get(name);
        if (alg == null) {
            throw new IllegalStateException("Setting 'signing.alg' must be one of " + SUPPORTED.keySet()
                    + ", not '" + name + "'");
        }
        return alg;
    }

    static JWK generate(JWSAlgorithm alg) {
        try {
            if (JWSAlgorithm.Family.EC.contains(alg)) {
                return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(alg)
                        .keyIDFromThumbprint(true).generate();
            }
            return new RSAKeyGenerator(RSAKeyGenerator.MIN_KEY_SIZE_BITS).keyUse(KeyUse.SIGNATURE).algorithm(alg)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + alg + " key", e);
        }
    }
}
