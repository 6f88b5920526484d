package org.tollgate.resourceserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * The filter's verifier against a JWKS served over loopback HTTP that goes away: the keys of the last fetch
 * keep verifying for the outage tolerance; with none, or with no fetch ever, the keys are unavailable (the
 * filter's 503), never an invalid token.
 */
class TokenVerifierTest {

    private static final String ISSUER = "https://tollgate.test";
    /** Short, so that the cached JWKS is stale, and must be fetched again, within the test. */
    private static final long CACHE_MILLIS = 500;

    @Test
    void whenTheJwksGoesAwayThenTheLastKeysServeForTheToleranceOnly() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        URL url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/jwks").toURL();
        TokenVerifier tolerant = new TokenVerifier(url, ISSUER, ISSUER, 0, 0, 60_000, CACHE_MILLIS);
        TokenVerifier intolerant = new TokenVerifier(url, ISSUER, ISSUER, 0, 0, 0, CACHE_MILLIS);
        String token = token(key);
        try {
            assertEquals("alice", tolerant.verify(token).getSubject());
            assertEquals("alice", intolerant.verify(token).getSubject());
        } finally {
            server.stop(0);
        }
        Thread.sleep(CACHE_MILLIS * 3);

        assertEquals("alice", tolerant.verify(token).getSubject(), "the last fetch's keys, within the tolerance");
        assertThrows(TokenVerifier.KeysUnavailableException.class, () -> intolerant.verify(token));
        TokenVerifier neverFetched = new TokenVerifier(url, ISSUER, ISSUER, 0, 0, 60_000, CACHE_MILLIS);
        assertThrows(TokenVerifier.KeysUnavailableException.class, () -> neverFetched.verify(token));
    }

    private static String token(RSAKey key) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(ISSUER).subject("alice").claim("client_id", "app")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
