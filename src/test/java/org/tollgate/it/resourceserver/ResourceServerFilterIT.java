package org.tollgate.it.resourceserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.AccessTokens;
import org.tollgate.it.TollgateDeployment;

/**
 * Tollgate and a legacy webapp protected by the resource-server filter, side by side on one real Tomcat:
 * what the legacy app admits and refuses, and what a key rotation changes.
 */
@ExtendWith(ArquillianExtension.class)
class ResourceServerFilterIT {

    private static final String ISSUER = System.getProperty("tollgate.it.issuer");
    private static final String JWKS = "http://127.0.0.1:18080" + TollgateDeployment.CONTEXT + "/oauth/jwks";
    private static final String JMX = "service:jmx:rmi:///jndi/rmi://127.0.0.1:18089/jmxrmi";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    @OperateOnDeployment("tollgate")
    URL tollgate;

    @ArquillianResource
    @OperateOnDeployment("legacy")
    URL legacy;

    @Deployment(name = "tollgate", order = 1, testable = false)
    static WebArchive tollgateWar() {
        return TollgateDeployment.war();
    }

    @Deployment(name = "legacy", order = 2, testable = false)
    static WebArchive legacyWar() {
        return LegacyApp.war(ISSUER, JWKS);
    }

    private String token(String clientId, String secret, String... fields) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tollgate + "oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()).get("access_token").toString();
    }

    private String aliceToken() throws Exception {
        return token("app", "app-secret", "grant_type", "password", "username", "alice", "password", "alice-password");
    }

    private HttpResponse<String> call(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(legacy + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer realm=\"tollgate\""), challenge);
        assertTrue(challenge.contains("error=\"" + error + "\""), challenge);
    }

    @Test
    void whenTheTokenIsValidThenTheAppSeesTheUserAndScopes() throws Exception {
        HttpResponse<String> response = call("api/hello", "Bearer " + aliceToken());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("user=alice client=app scopes=[read, write] inRole(write)=true", response.body());
    }

    @Test
    void whenThereIsNoTokenThen401WithABareChallenge() throws Exception {
        HttpResponse<String> response = call("api/hello", null);
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"tollgate\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void whenTheTokenHasExpiredThen401InvalidToken() throws Exception {
        // the filter's first JWKS fetch first, so that the token's 2 to 3 s of life are not spent on it
        assertEquals(200, call("api/hello", "Bearer " + aliceToken()).statusCode());
        String token = token("expiring", "expiring-secret", "grant_type", "client_credentials");
        assertEquals(200, call("api/hello", "Bearer " + token).statusCode(), "admitted for its 3 s");
        AccessTokens.waitUntilExpired(token);
        assertRefused(call("api/hello", "Bearer " + token), 401, "invalid_token");
    }

    @Test
    void whenTheTokenIsSignedByAKeyNotInTheJwksThen401() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("foreign").generate();
        Date now = new Date();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(foreign.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("alice").audience(ISSUER).issueTime(now)
                        .expirationTime(new Date(now.getTime() + 60_000)).jwtID(UUID.randomUUID().toString())
                        .claim("client_id", "app").claim("scope", "read").build());
        forged.sign(new RSASSASigner(foreign));
        assertRefused(call("api/hello", "Bearer " + forged.serialize()), 401, "invalid_token");
    }

    @Test
    void whenTheAudienceIsWrongThen401() throws Exception {
        assertRefused(call("elsewhere/hello", "Bearer " + aliceToken()), 401, "invalid_token");
    }

    @Test
    void whenTheAudienceIsOursThenAdmitted() throws Exception {
        assertEquals(200, call("ours/hello", "Bearer " + aliceToken()).statusCode());
    }

    /** Not the token's fault: no invalid_token, which would make the client throw a good token away. */
    @Test
    void whenTheKeysCannotBeFetchedThen503AndNoChallenge() throws Exception {
        HttpResponse<String> response = call("unreachable/hello", "Bearer " + aliceToken());
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), response.headers().toString());
        assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent(), response.headers().toString());
        assertEquals("temporarily_unavailable",
                com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()).get("error"));
    }

    @Test
    void whenTheScopeIsMissingThen403InsufficientScope() throws Exception {
        HttpResponse<String> response = call("admin/hello", "Bearer " + aliceToken());
        assertRefused(response, 403, "insufficient_scope");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("scope=\"admin\""));
    }

    @Test
    void whenTheTokenIsUnsignedThen401() throws Exception {
        SignedJWT real = SignedJWT.parse(aliceToken());
        PlainJWT unsigned = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(),
                real.getJWTClaimsSet());
        assertRefused(call("api/hello", "Bearer " + unsigned.serialize()), 401, "invalid_token");
    }

    @Test
    void whenTheTokenIsTamperedWithThen401() throws Exception {
        String[] parts = aliceToken().split("\\.");
        Map<String, Object> claims = com.nimbusds.jose.util.JSONObjectUtils.parse(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.put("scope", "read write admin");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
        assertRefused(call("admin/hello", "Bearer " + parts[0] + "." + payload + "." + parts[2]), 401, "invalid_token");
    }

    @Test
    void whenTheKeyIsRotatedThenOldTokensStillPassNewTokensCarryTheNewKidAndTheJwksShowsBoth() throws Exception {
        String before = aliceToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        String newKid = rotateThroughJmx();
        assertNotEquals(oldKid, newKid);

        String after = aliceToken();
        assertEquals(newKid, SignedJWT.parse(after).getHeader().getKeyID());
        assertEquals(200, call("api/hello", "Bearer " + before).statusCode());
        assertEquals(200, call("api/hello", "Bearer " + after).statusCode());

        JWKSet jwks = JWKSet.parse(http.send(HttpRequest.newBuilder(URI.create(JWKS)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> kids = jwks.getKeys().stream().map(k -> k.getKeyID()).collect(Collectors.toList());
        assertTrue(kids.containsAll(List.of(oldKid, newKid)), kids.toString());
        assertFalse(jwks.getKeys().stream().anyMatch(k -> k.isPrivate()));
    }

    private static String rotateThroughJmx() throws Exception {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(JMX))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName keys = new ObjectName("org.tollgate:context=\"" + TollgateDeployment.CONTEXT
                    + "\",type=SigningKeys");
            return (String) server.invoke(keys, "rotate", new Object[0], new String[0]);
        }
    }
}
