package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.errorOf;
import static org.tollgate.persistence.InProcessTollgate.issue;

import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.TokenLookupRequest;
import org.tollgate.token.control.TokenResponse;

/** RFC 7662 introspection and RFC 7009 revocation, in-process, with the documented policy. */
class IntrospectionAndRevocationIT {

    @TempDir
    static Path dataDir;
    static Tollgate tollgate;

    @BeforeAll
    static void start() {
        tollgate = InProcessTollgate.start(dataDir);
    }

    @AfterAll
    static void stop() {
        tollgate.close();
    }

    private static TokenLookupRequest as(String clientId, String secret, String token) {
        ClientCredentials credentials = secret == null
                ? new ClientCredentials(ClientCredentials.Method.NONE, clientId, null)
                : new ClientCredentials(ClientCredentials.Method.POST, clientId, secret);
        return new TokenLookupRequest(credentials, token, null);
    }

    private static Map<String, Object> introspect(String clientId, String secret, String token) {
        return tollgate.tokenIntrospector().introspect(as(clientId, secret, token));
    }

    private static TokenResponse aliceViaApp() {
        return issue(tollgate, "app", "app-secret", "grant_type", "password", "username", "alice",
                "password", "alice-password");
    }

    @Test
    void whenALiveAccessTokenIsIntrospectedThenItIsActiveWithItsClaims() {
        TokenResponse tokens = aliceViaApp();
        Map<String, Object> answer = introspect("service", "service-secret", tokens.accessToken());
        assertEquals(true, answer.get("active"));
        assertEquals("alice", answer.get("sub"));
        assertEquals("app", answer.get("client_id"));
        assertEquals("read write", answer.get("scope"));
        assertEquals("Bearer", answer.get("token_type"));
        assertEquals("alice", answer.get("username"));
        assertTrue(answer.get("exp") instanceof Number);
        Map<String, Object> service = introspect("app", "app-secret", issue(tollgate, "service", "service-secret",
                "grant_type", "client_credentials").accessToken());
        assertEquals(true, service.get("active"));
        assertFalse(service.containsKey("username"), "a client's own token has no user");
    }

    @Test
    void whenARefreshTokenIsIntrospectedThenOnlyItsOwnClientSeesItActive() {
        String refreshToken = aliceViaApp().refreshToken();
        Map<String, Object> own = introspect("app", "app-secret", refreshToken);
        assertEquals(true, own.get("active"));
        assertFalse(own.containsKey("token_type"), "RFC 7662's token_type is RFC 6749's, which refresh tokens lack");
        assertEquals("alice", own.get("username"));
        assertEquals(Map.of("active", false), introspect("service", "service-secret", refreshToken));
    }

    @Test
    void whenTheTokenIsForgedUnknownOrRotatedThenInactive() throws Exception {
        SignedJWT real = SignedJWT.parse(aliceViaApp().accessToken());
        // well-formed tokens, so that only their signature gives them away: the real one's header and signature
        // over claims naming another user, and the real header and claims signed with another key
        JWTClaimsSet mallory = new JWTClaimsSet.Builder(real.getJWTClaimsSet()).subject("mallory").build();
        String tampered = real.getHeader().toBase64URL() + "." + Base64URL.encode(mallory.toString()) + "."
                + real.getSignature();
        SignedJWT foreign = new SignedJWT(real.getHeader(), real.getJWTClaimsSet());
        foreign.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
        assertEquals(true, introspect("app", "app-secret", real.serialize()).get("active"));
        assertEquals(Map.of("active", false), introspect("app", "app-secret", tampered));
        assertEquals(Map.of("active", false), introspect("app", "app-secret", foreign.serialize()));
        assertEquals(Map.of("active", false), introspect("app", "app-secret", "not-a-token"));
        String refresh = aliceViaApp().refreshToken();
        issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", refresh);
        assertEquals(Map.of("active", false), introspect("app", "app-secret", refresh));
    }

    @Test
    void whenAPublicClientIntrospectsThenInvalidClient() {
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(() -> introspect("spa", null, aliceViaApp().accessToken())));
    }

    @Test
    void whenAnAccessTokenIsRevokedThenIntrospectionReportsItInactive() {
        String access = aliceViaApp().accessToken();
        tollgate.tokenRevoker().revoke(as("app", "app-secret", access));
        assertEquals(Map.of("active", false), introspect("app", "app-secret", access));
        tollgate.tokenRevoker().revoke(as("app", "app-secret", access));
    }

    /** A logout sent from two tabs, or retried: each revocation of the same token succeeds (RFC 7009 2.2). */
    @Test
    void whenOneAccessTokenIsRevokedManyTimesAtOnceThenEachSucceeds() throws Exception {
        for (int round = 0; round < 3; round++) {
            String access = aliceViaApp().accessToken();
            assertEquals(Map.of("revoked", 8), AtOnce.outcomes(8, () -> {
                tollgate.tokenRevoker().revoke(as("app", "app-secret", access));
                return "revoked";
            }), "round " + round);
            assertEquals(Map.of("active", false), introspect("app", "app-secret", access));
        }
    }

    @Test
    void whenARefreshTokenIsRevokedThenItsWholeFamilyIsDead() {
        String first = aliceViaApp().refreshToken();
        String second = issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", first)
                .refreshToken();
        tollgate.tokenRevoker().revoke(as("app", "app-secret", first));
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> issue(tollgate, "app", "app-secret",
                "grant_type", "refresh_token", "refresh_token", second)));
    }

    /** RFC 7009 section 2.1: revoking a refresh token also invalidates the access tokens of that grant. */
    @Test
    void whenARefreshTokenIsRevokedThenTheAccessTokensOfItsGrantAreInactive() {
        TokenResponse first = aliceViaApp();
        TokenResponse second = issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token",
                first.refreshToken());
        TokenResponse otherGrant = aliceViaApp();
        assertEquals(true, introspect("app", "app-secret", first.accessToken()).get("active"));

        tollgate.tokenRevoker().revoke(as("app", "app-secret", second.refreshToken()));

        assertEquals(Map.of("active", false), introspect("app", "app-secret", first.accessToken()));
        assertEquals(Map.of("active", false), introspect("app", "app-secret", second.accessToken()));
        assertEquals(true, introspect("app", "app-secret", otherGrant.accessToken()).get("active"),
                "another sign-in of the same user is another grant");
    }

    @Test
    void whenTheUserOrTheClientIsDisabledThenTheirAccessTokensAreInactive() {
        String username = "introspected-" + UUID.randomUUID().toString().substring(0, 8);
        tollgate.operations().users().create(username, "a-long-enough-password");
        String userToken = issue(tollgate, "app", "app-secret", "grant_type", "password", "username", username,
                "password", "a-long-enough-password").accessToken();
        String clientId = "introspected-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = tollgate.operations().clients().register(clientId, "client_secret_post",
                "client_credentials", "read").secret();
        String clientToken = issue(tollgate, clientId, secret, "grant_type", "client_credentials").accessToken();
        assertEquals(true, introspect("service", "service-secret", userToken).get("active"));
        assertEquals(true, introspect("service", "service-secret", clientToken).get("active"));

        tollgate.operations().users().setEnabled(username, false);
        tollgate.operations().clients().setEnabled(clientId, false);

        assertEquals(Map.of("active", false), introspect("service", "service-secret", userToken));
        assertEquals(Map.of("active", false), introspect("service", "service-secret", clientToken));
    }

    @Test
    void whenAUserNamedLikeItsClientIsDisabledThenTheTokenWithoutRefreshIsInactive() {
        // a token without a refresh token family whose subject is its client id: the user's or the client's own?
        String name = "twin-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = tollgate.operations().clients().register(name, "client_secret_post", "password",
                "read").secret();
        tollgate.operations().users().create(name, "a-long-enough-password");
        String token = issue(tollgate, name, secret, "grant_type", "password", "username", name,
                "password", "a-long-enough-password").accessToken();
        Map<String, Object> active = introspect("service", "service-secret", token);
        assertEquals(true, active.get("active"));
        assertEquals(name, active.get("username"), "a user's token");

        tollgate.operations().users().setEnabled(name, false);

        assertEquals(Map.of("active", false), introspect("service", "service-secret", token));
    }

    @Test
    void whenAnUnknownTokenIsRevokedThenItSucceedsSilently() {
        tollgate.tokenRevoker().revoke(as("app", "app-secret", "never-issued"));
        tollgate.tokenRevoker().revoke(as("spa", null, "never-issued"));
    }

    @Test
    void whenAnotherClientsTokenIsRevokedThenUnauthorizedClientAndTheTokenLives() {
        TokenResponse tokens = aliceViaApp();
        assertEquals(OAuthError.UNAUTHORIZED_CLIENT,
                errorOf(() -> tollgate.tokenRevoker().revoke(as("service", "service-secret", tokens.accessToken()))));
        assertEquals(OAuthError.UNAUTHORIZED_CLIENT,
                errorOf(() -> tollgate.tokenRevoker().revoke(as("service", "service-secret", tokens.refreshToken()))));
        assertEquals(true, introspect("app", "app-secret", tokens.accessToken()).get("active"));
        assertEquals(true, introspect("app", "app-secret", tokens.refreshToken()).get("active"));
    }
}
