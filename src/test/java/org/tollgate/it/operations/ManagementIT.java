package org.tollgate.it.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.openmbean.CompositeData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.AccessTokens;
import org.tollgate.it.Answer;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.Registered;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * Tollgate administered as an admin does it, through its MBeans over the server's JMX connector, and the
 * effect seen over HTTP by clients; plus the health and metrics an operator watches, and the audit log.
 */
@ExtendWith(ArquillianExtension.class)
class ManagementIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return TollgateDeployment.war();
    }

    private TokenEndpoint endpoint() {
        return new TokenEndpoint(base);
    }

    private Answer password(String clientId, String secret, String username, String password) {
        return endpoint().post(Encoding.FORM, Fields.of("grant_type", "password", "username", username,
                "password", password), TokenEndpoint.basic(clientId, secret));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void whenAClientAUserAndAKeyAreMadeThroughJmxThenTheyGetATokenOverHttp() throws Exception {
        String clientId = unique("ops-app");
        String username = unique("ops-user");
        try (Jmx jmx = new Jmx()) {
            String secret = (String) jmx.invoke("Clients", "register", clientId, "client_secret_basic",
                    "password refresh_token", "read ops");
            assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), "256 random bits, base64url: " + secret);
            jmx.invoke("Users", "create", username, "correct horse battery");
            String kid = (String) jmx.invoke("SigningKeys", "rotate");

            Answer answer = password(clientId, secret, username, "correct horse battery");
            assertEquals(200, answer.status(), answer.toString());
            String accessToken = answer.json().get("access_token").asText();
            assertEquals(kid, SignedJWT.parse(accessToken).getHeader().getKeyID(), "signed with the rotated key");
            new AccessTokens(endpoint()).verify(accessToken, username, clientId, Set.of("read", "ops"),
                    answer.json().get("expires_in").asLong());
            assertTrue(answer.json().has("refresh_token"));

            CompositeData shown = (CompositeData) jmx.invoke("Clients", "show", clientId);
            assertEquals("password refresh_token", shown.get("grantTypes"));
            assertEquals(Boolean.TRUE, shown.get("enabled"));
            assertTrue(Arrays.stream((String[]) jmx.invoke("Clients", "list"))
                    .anyMatch(line -> line.startsWith("client_id=" + clientId + " ")));
            assertTrue(Arrays.asList((String[]) jmx.invoke("Users", "find", "ops-user-"))
                    .contains(username + " enabled"));
        }
    }

    @Test
    void whenAClientIsDisabledOrItsSecretRotatedThenItsOldAccessStops() throws Exception {
        String clientId = unique("ops-svc");
        try (Jmx jmx = new Jmx()) {
            String secret = (String) jmx.invoke("Clients", "register", clientId, "client_secret_post",
                    "client_credentials", "read");
            assertEquals(200, clientCredentials(clientId, secret).status());

            jmx.invoke("Clients", "disable", clientId);
            assertEquals(401, clientCredentials(clientId, secret).status());
            jmx.invoke("Clients", "enable", clientId);
            assertEquals(200, clientCredentials(clientId, secret).status());

            String rotated = (String) jmx.invoke("Clients", "rotateSecret", clientId);
            assertNotEquals(secret, rotated);
            assertEquals(401, clientCredentials(clientId, secret).status());
            assertEquals(200, clientCredentials(clientId, rotated).status());

            jmx.invoke("Clients", "updateScope", clientId, "read write");
            jmx.invoke("Clients", "updateLifetimes", clientId, 42L, 0L);
            Answer widened = endpoint().post(Encoding.FORM, Fields.of("grant_type", "client_credentials",
                    "client_id", clientId, "client_secret", rotated, "scope", "write"));
            assertEquals(200, widened.status(), widened.toString());
            assertEquals(42, widened.json().get("expires_in").asLong());

            jmx.invoke("Clients", "delete", clientId);
            assertEquals(401, clientCredentials(clientId, rotated).status());
            assertFalse(Arrays.stream((String[]) jmx.invoke("Clients", "list"))
                    .anyMatch(line -> line.startsWith("client_id=" + clientId + " ")));
        }
    }

    private Answer clientCredentials(String clientId, String secret) {
        return endpoint().post(Encoding.FORM, Fields.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    @Test
    void whenTokensAreRevokedOrTheUserDisabledThroughJmxThenRefreshIsRefused() throws Exception {
        String username = unique("ops-revoked");
        try (Jmx jmx = new Jmx()) {
            jmx.invoke("Users", "create", username, "pw-1");
            String refresh = password("app", "app-secret", username, "pw-1").json().get("refresh_token").asText();
            long live = (Long) jmx.get("Tokens", "LiveRefreshTokens");
            assertTrue(live >= 1, "live refresh tokens: " + live);

            assertEquals(1, jmx.invoke("Tokens", "revokeUser", username));
            assertEquals("invalid_grant", refresh(refresh).json().get("error").asText());

            String beforeReset = password("app", "app-secret", username, "pw-1").json().get("refresh_token").asText();
            jmx.invoke("Users", "resetPassword", username, "pw-2");
            assertEquals("invalid_grant", refresh(beforeReset).json().get("error").asText(),
                    "a reset revokes the refresh tokens of the old password");
            assertEquals(400, password("app", "app-secret", username, "pw-1").status());
            String afterReset = password("app", "app-secret", username, "pw-2").json().get("refresh_token").asText();

            jmx.invoke("Users", "disable", username);
            assertEquals("invalid_grant", password("app", "app-secret", username, "pw-2").json().get("error").asText());
            assertEquals("invalid_grant", refresh(afterReset).json().get("error").asText(),
                    "a disabled user's refresh token gets nothing");
            jmx.invoke("Users", "enable", username);
            assertEquals(200, password("app", "app-secret", username, "pw-2").status());
            jmx.invoke("Users", "delete", username);
            assertEquals(400, password("app", "app-secret", username, "pw-2").status());
        }
    }

    private Answer refresh(String refreshToken) {
        return endpoint().post(Encoding.FORM, Fields.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                TokenEndpoint.basic("app", "app-secret"));
    }

    @Test
    void whenInputBreaksTheImportRulesThenJmxSaysWhyAndNothingIsCreated() throws Exception {
        String clientId = unique("ops-bad");
        try (Jmx jmx = new Jmx()) {
            String grants = jmx.refusal("Clients", "register", clientId, "client_secret_basic", "implicit", "read");
            assertTrue(grants.contains("grant_types may only hold"), grants);
            String publicCc = jmx.refusal("Clients", "register", clientId, "none", "client_credentials", "read");
            assertTrue(publicCc.contains("public client cannot use client_credentials"), publicCc);
            String scope = jmx.refusal("Clients", "register", clientId, "client_secret_basic", "password", "bad\"scope");
            assertTrue(scope.contains("scope"), scope);
            CompositeData appBefore = (CompositeData) jmx.invoke("Clients", "show", "app");
            String ttl = jmx.refusal("Clients", "updateLifetimes", "app", -5L, 0L);
            assertTrue(ttl.contains("access_token_ttl must be from 1"), ttl);
            String forever = jmx.refusal("Clients", "updateLifetimes", "app", Long.MAX_VALUE, 60L);
            assertTrue(forever.contains("access_token_ttl must be from 1"), forever);
            assertEquals(appBefore, jmx.invoke("Clients", "show", "app"), "app's lifetimes are as they were");
            String nopw = unique("ops-nopw");
            String noPassword = jmx.refusal("Users", "create", nopw, "");
            assertTrue(noPassword.contains("password is required"), noPassword);
            assertEquals(List.of(), Arrays.asList((String[]) jmx.invoke("Users", "find", nopw)));
            String unknown = jmx.refusal("Clients", "disable", "no-such-client");
            assertTrue(unknown.contains("No client"), unknown);
            assertFalse(Arrays.stream((String[]) jmx.invoke("Clients", "list"))
                    .anyMatch(line -> line.startsWith("client_id=" + clientId + " ")));
        }
    }

    @Test
    void whenSettingsAreListedThenEachShowsItsSourceAndSecretsAreMasked() throws Exception {
        try (Jmx jmx = new Jmx()) {
            List<String> effective = Arrays.asList((String[]) jmx.invoke("Settings", "list"));
            assertTrue(effective.contains("issuer = " + System.getProperty("tollgate.it.issuer")
                    + " (system property)"), effective.toString());
            assertTrue(effective.contains("access-token.ttl = 300 (default)"), effective.toString());
            assertTrue(effective.contains("metrics.enabled = false (default)"), effective.toString());
            assertTrue(effective.contains("metrics.token is not set"), effective.toString());
        }
    }

    @Test
    void whenATokenIsIssuedThenTheMetricsMBeanCountsIt() throws Exception {
        try (Jmx jmx = new Jmx()) {
            long before = (Long) jmx.get("Metrics", "token.client_credentials.success.count");
            long refusedBefore = (Long) jmx.get("Metrics", "token.client_credentials.invalid_client.count");
            assertEquals(200, clientCredentials("service", "service-secret").status());
            assertEquals(401, clientCredentials("service", "wrong").status());
            assertEquals(before + 1, (Long) jmx.get("Metrics", "token.client_credentials.success.count"));
            assertEquals(refusedBefore + 1, (Long) jmx.get("Metrics", "token.client_credentials.invalid_client.count"));
            assertTrue((Double) jmx.get("Metrics", "token.client_credentials.success.meanMillis") > 0);
        }
    }

    /**
     * No reason for a refusal can be told from another by time: a wrong password, an unknown or disabled
     * user, a wrong secret and an unknown client each cost one Argon2 check, as a successful sign-in does
     * (decoys where there is no account). The public client keeps client authentication out of the logins.
     */
    @Test
    void whenASignInOrClientAuthenticationIsRefusedForAnyReasonThenItCostsOnePasswordCheck() throws Exception {
        try (Jmx jmx = new Jmx()) {
            assertOneCheck(jmx, 200, () -> publicLogin(Registered.ALICE, Registered.ALICE_PASSWORD), "right password");
            assertOneCheck(jmx, 400, () -> publicLogin(Registered.ALICE, "not-" + Registered.ALICE_PASSWORD),
                    "wrong password");
            assertOneCheck(jmx, 400, () -> publicLogin(unique("nobody"), Registered.ALICE_PASSWORD), "unknown user");
            assertOneCheck(jmx, 400, () -> publicLogin(Registered.BOB, Registered.BOB_PASSWORD), "disabled user");
            assertOneCheck(jmx, 401, () -> clientCredentials(Registered.SERVICE, unique("wrong")), "wrong secret");
            assertOneCheck(jmx, 401, () -> clientCredentials(unique("nobody"), Registered.SERVICE_SECRET),
                    "unknown client");
        }
    }

    private Answer publicLogin(String username, String password) {
        return endpoint().post(Encoding.FORM, Fields.of("grant_type", "password", "client_id", Registered.SPA,
                "username", username, "password", password));
    }

    private static void assertOneCheck(Jmx jmx, int status, Supplier<Answer> request, String what) throws Exception {
        long before = (Long) jmx.get("Metrics", "passwordChecks.count");
        assertEquals(status, request.get().status(), what);
        assertEquals(before + 1, (Long) jmx.get("Metrics", "passwordChecks.count"), what + ": Argon2 checks");
    }

    @Test
    void whenTheDatabaseAnswersThenHealthIsUpAndUncachedAndMetricsAreOffByDefault() throws Exception {
        Answer health = endpoint().send(HttpRequest.newBuilder(URI.create(base + "health")).GET().build());
        assertEquals(200, health.status());
        assertEquals("{\"status\":\"UP\"}", health.body());
        assertTrue(health.header("Cache-Control").orElse("").contains("no-store"), health.toString());
        Answer metrics = endpoint().send(HttpRequest.newBuilder(URI.create(base + "metrics")).GET().build());
        assertEquals(404, metrics.status());
    }

    @Test
    void whenTokensAreIssuedAndRefusedThenTheAuditLogHasOneLineEachAndNoSecret() throws Exception {
        String username = unique("ops-audited");
        try (Jmx jmx = new Jmx()) {
            jmx.invoke("Users", "create", username, "audited-password");
        }
        Answer issued = password("app", "app-secret", username, "audited-password");
        assertEquals(200, issued.status());
        String jti = SignedJWT.parse(issued.json().get("access_token").asText()).getJWTClaimsSet().getJWTID();
        assertEquals(400, password("app", "app-secret", username, "wrong-password").status());
        assertEquals(200, refresh(issued.json().get("refresh_token").asText()).status());

        String log = awaitLog(username, 3);
        List<String> lines = log.lines().filter(l -> l.contains("user=" + username)).collect(Collectors.toList());
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=admin.user.create") && l.contains("outcome=success")
                && l.contains("remote=jmx")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=token.issued client=app user=" + username
                + " grant=password outcome=success reason=- remote=127.0.0.1 jti=" + jti)), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=token.refused client=app user=" + username
                + " grant=password outcome=refused reason=invalid_grant")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("event=token.refreshed client=app user=" + username
                + " grant=refresh_token outcome=success")), lines.toString());
        for (String secret : List.of("audited-password", "wrong-password", "app-secret",
                issued.json().get("access_token").asText(), issued.json().get("refresh_token").asText())) {
            assertFalse(log.contains(secret), "the log holds a secret or token");
        }
    }

    /** Tomcat's log files, once they hold {@code count} audit lines naming the user (the file handler is async). */
    private static String awaitLog(String username, int count) throws IOException, InterruptedException {
        Path logs = Path.of(System.getProperty("tollgate.it.catalina.base"), "logs");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String all = "";
        while (Instant.now().isBefore(deadline)) {
            StringBuilder text = new StringBuilder();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("catalina")).toList()) {
                    text.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            all = text.toString();
            if (all.lines().filter(l -> l.contains("event=token") && l.contains("user=" + username)).count() >= count) {
                return all;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The audit lines for " + username + " did not reach " + logs);
    }
}
