package org.tollgate.it.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.AccessTokens;
import org.tollgate.it.TollgateDeployment;

/** RFC 7662 and RFC 7009 over real HTTP, with the policy README states for tokens of other clients. */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntrospectionRevocationIT {

    private static final int RACE_ROUNDS = 30;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    private HttpResponse<String> post(String path, String clientId, String secret, String... fields) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (secret != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return JSONObjectUtils.parse(response.body());
    }

    private Map<String, Object> aliceTokens() throws Exception {
        HttpResponse<String> response = post("oauth/token", "app", "app-secret", "grant_type", "password",
                "username", "alice", "password", "alice-password");
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private Map<String, Object> introspect(String clientId, String secret, Object token) throws Exception {
        HttpResponse<String> response = post("oauth/introspect", clientId, secret, "token", token.toString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        return json(response);
    }

    @Test
    void whenAnAccessTokenIsIntrospectedByAnyConfidentialClientThenItsClaimsAreShown() throws Exception {
        Map<String, Object> answer = introspect("service", "service-secret", aliceTokens().get("access_token"));
        assertEquals(true, answer.get("active"));
        assertEquals("alice", answer.get("sub"));
        assertEquals("app", answer.get("client_id"));
        assertEquals("read write", answer.get("scope"));
    }

    @Test
    void whenARefreshTokenIsIntrospectedByAnotherClientThenItIsInactive() throws Exception {
        Object refresh = aliceTokens().get("refresh_token");
        assertEquals(true, introspect("app", "app-secret", refresh).get("active"));
        assertEquals(Map.of("active", false), introspect("service", "service-secret", refresh));
    }

    @Test
    void whenTheTokenIsUnknownOrExpiredThenOnlyActiveFalse() throws Exception {
        assertEquals(Map.of("active", false), introspect("app", "app-secret", "no-such-token"));
        HttpResponse<String> expiring = post("oauth/token", "expiring", "expiring-secret",
                "grant_type", "client_credentials");
        String token = (String) json(expiring).get("access_token");
        assertEquals(true, introspect("app", "app-secret", token).get("active"), "live for its 3 s");
        AccessTokens.waitUntilExpired(token);
        assertEquals(Map.of("active", false), introspect("app", "app-secret", token));
    }

    @Test
    void whenThereIsNoClientAuthenticationOrAPublicClientThen401() throws Exception {
        HttpResponse<String> anonymous = post("oauth/introspect", null, null, "token", "x");
        assertEquals(401, anonymous.statusCode());
        assertEquals("invalid_client", json(anonymous).get("error"));
        HttpResponse<String> publicClient = post("oauth/introspect", null, null, "token", "x", "client_id", "spa");
        assertEquals(401, publicClient.statusCode());
    }

    @Test
    void whenTheTokenParameterIsMissingThenInvalidRequest() throws Exception {
        HttpResponse<String> response = post("oauth/introspect", "app", "app-secret");
        assertEquals(400, response.statusCode());
        assertEquals("invalid_request", json(response).get("error"));
    }

    @Test
    void whenAnAccessTokenIsRevokedThenIntrospectionSaysInactive() throws Exception {
        Object access = aliceTokens().get("access_token");
        HttpResponse<String> revoked = post("oauth/revoke", "app", "app-secret", "token", access.toString(),
                "token_type_hint", "access_token");
        assertEquals(200, revoked.statusCode());
        assertEquals(Map.of("active", false), introspect("service", "service-secret", access));
    }

    @Test
    void whenARefreshTokenIsRevokedThenItCanNoLongerBeUsed() throws Exception {
        Object refresh = aliceTokens().get("refresh_token");
        assertEquals(200, post("oauth/revoke", "app", "app-secret", "token", refresh.toString()).statusCode());
        HttpResponse<String> refreshed = post("oauth/token", "app", "app-secret", "grant_type", "refresh_token",
                "refresh_token", refresh.toString());
        assertEquals(400, refreshed.statusCode());
        assertEquals("invalid_grant", json(refreshed).get("error"));
    }

    @Test
    void whenAnUnknownTokenIsRevokedThen200() throws Exception {
        assertEquals(200, post("oauth/revoke", "app", "app-secret", "token", "never-issued").statusCode());
    }

    @Test
    void whenAnotherClientsTokenIsRevokedThenRefusedAndTheTokenStaysActive() throws Exception {
        Object access = aliceTokens().get("access_token");
        HttpResponse<String> refused = post("oauth/revoke", "service", "service-secret", "token", access.toString());
        assertEquals(400, refused.statusCode());
        assertEquals("unauthorized_client", json(refused).get("error"));
        assertTrue((Boolean) introspect("app", "app-secret", access).get("active"));
    }

    /**
     * A refresh and the revocation of the token it presents, at the same moment, many times: whichever
     * the database orders first, no refresh token of the family works afterwards.
     */
    @Test
    void whenARefreshRacesTheRevocationOfItsTokenThenNoTokenOutlivesTheRevocation() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                String presented = aliceTokens().get("refresh_token").toString();
                CountDownLatch start = new CountDownLatch(1);
                Future<HttpResponse<String>> refresh = both.submit(() -> {
                    start.await();
                    return post("oauth/token", "app", "app-secret", "grant_type", "refresh_token",
                            "refresh_token", presented);
                });
                Future<HttpResponse<String>> revoke = both.submit(() -> {
                    start.await();
                    return post("oauth/revoke", "app", "app-secret", "token", presented);
                });
                start.countDown();
                assertEquals(200, revoke.get().statusCode(), revoke.get().body());
                HttpResponse<String> refreshed = refresh.get();
                if (refreshed.statusCode() != 200) {
                    // revoked first: the refresh is refused as any revoked token is, never with a server error
                    assertEquals(400, refreshed.statusCode(), "round " + round + ": " + refreshed.body());
                    assertEquals("invalid_grant", json(refreshed).get("error"));
                }
                String survivor = refreshed.statusCode() == 200 ? json(refreshed).get("refresh_token").toString()
                        : presented;
                HttpResponse<String> reuse = post("oauth/token", "app", "app-secret", "grant_type", "refresh_token",
                        "refresh_token", survivor);
                assertEquals(400, reuse.statusCode(), "round " + round + ": " + reuse.body());
                assertEquals("invalid_grant", json(reuse).get("error"));
            }
        } finally {
            both.shutdownNow();
        }
    }
}
