package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.errorOf;
import static org.tollgate.persistence.InProcessTollgate.issue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenResponse;

/** The issuer's pipeline against a real (embedded H2) database, in-process. */
class TokenIssuerIT {

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

    private static TokenResponse password(String clientId, String secret) {
        return issue(tollgate, clientId, secret, "grant_type", "password", "username", "alice",
                "password", "alice-password");
    }

    private static TokenResponse refresh(String refreshToken) {
        return issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    @Test
    void whenPasswordGrantSucceedsThenAccessTokenIsASignedRfc9068Jwt() throws Exception {
        TokenResponse response = password("app", "app-secret");
        SignedJWT jwt = SignedJWT.parse(response.accessToken());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAKey) InProcessTollgate.activeKey(tollgate))));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("https://tollgate.test", claims.getIssuer());
        assertEquals("alice", claims.getSubject());
        assertEquals(List.of("https://tollgate.test"), claims.getAudience());
        assertEquals("app", claims.getStringClaim("client_id"));
        assertEquals("read write", claims.getStringClaim("scope"));
        assertEquals(300, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertNotNull(claims.getJWTID());
        assertNotNull(response.refreshToken());
    }

    @Test
    void whenAUserSignsInThenEveryAccessTokenOfTheGrantCarriesTheSignInTimeAndAClientsOwnNone() throws Exception {
        long before = Instant.now().getEpochSecond();
        TokenResponse signIn = password("app", "app-secret");
        long after = Instant.now().getEpochSecond();
        Long authTime = claimsOf(signIn).getLongClaim("auth_time");
        assertNotNull(authTime, "RFC 9068 2.2.1 auth_time");
        assertTrue(authTime >= before && authTime <= after, authTime + " not in [" + before + ", " + after + "]");
        Thread.sleep(1_100); // a refresh in a later second: the claim must be the sign-in's, not the refresh's
        TokenResponse refreshed = refresh(refresh(signIn.refreshToken()).refreshToken());
        assertTrue(claimsOf(refreshed).getIssueTime().toInstant().getEpochSecond() > authTime);
        assertEquals(authTime, claimsOf(refreshed).getLongClaim("auth_time"));
        assertNotNull(claimsOf(password("no-refresh", "no-refresh-secret")).getLongClaim("auth_time"));
        assertNull(claimsOf(issue(tollgate, "service", "service-secret", "grant_type", "client_credentials"))
                .getClaim("auth_time"), "no user signed in");
    }

    private static JWTClaimsSet claimsOf(TokenResponse response) throws Exception {
        return SignedJWT.parse(response.accessToken()).getJWTClaimsSet();
    }

    @Test
    void whenClientMayNotRefreshThenNoRefreshTokenIsIssued() {
        assertNull(password("no-refresh", "no-refresh-secret").refreshToken());
    }

    @Test
    void whenClientCredentialsSucceedThenSubjectIsTheClientAndNoRefreshToken() throws Exception {
        TokenResponse response = issue(tollgate, "service", "service-secret", "grant_type", "client_credentials");
        assertNull(response.refreshToken());
        assertEquals("service", SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getSubject());
        assertEquals("read", response.scope());
    }

    @Test
    void whenRefreshedThenTheTokenRotatesAndTheOldOneIsDead() {
        String first = password("app", "app-secret").refreshToken();
        String second = refresh(first).refreshToken();
        assertNotEquals(first, second);
        assertNotNull(refresh(second).refreshToken());
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(first)));
    }

    @Test
    void whenARotatedTokenIsReplayedThenTheWholeFamilyIsRevoked() {
        String first = password("app", "app-secret").refreshToken();
        String second = refresh(first).refreshToken();
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(first)));
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(second)));
    }

    @Test
    void whenAnotherClientPresentsTheTokenThenInvalidGrantAndTheTokenStaysUsable() {
        String token = issue(tollgate, "spa", null, "grant_type", "password", "username", "alice",
                "password", "alice-password").refreshToken();
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(token)));
        assertNotNull(issue(tollgate, "spa", null, "grant_type", "refresh_token", "refresh_token", token).refreshToken());
    }

    /** RFC 6749 section 6: the access token may ask for less; the new refresh token keeps the original scope. */
    @Test
    void whenRefreshNarrowsTheAccessTokensScopeThenTheRefreshTokenKeepsItsOwnAndWideningIsRefused() {
        String token = password("app", "app-secret").refreshToken();
        TokenResponse narrowed = issue(tollgate, "app", "app-secret", "grant_type", "refresh_token",
                "refresh_token", token, "scope", "read");
        assertEquals("read", narrowed.scope());
        assertEquals(OAuthError.INVALID_SCOPE, errorOf(() -> issue(tollgate, "app", "app-secret",
                "grant_type", "refresh_token", "refresh_token", narrowed.refreshToken(), "scope", "read write admin")));
        TokenResponse again = issue(tollgate, "app", "app-secret", "grant_type", "refresh_token",
                "refresh_token", narrowed.refreshToken(), "scope", "read write");
        assertEquals("read write", again.scope());
    }

    @Test
    void whenTheRefreshTokenHasExpiredThenInvalidGrant() throws InterruptedException {
        String token = issue(tollgate, "short", "short-secret", "grant_type", "password", "username", "alice",
                "password", "alice-password").refreshToken();
        Thread.sleep(1_100);
        OAuthException refused = assertThrows(OAuthException.class, () -> issue(tollgate, "short", "short-secret",
                "grant_type", "refresh_token", "refresh_token", token));
        assertEquals(OAuthError.INVALID_GRANT, refused.error());
        assertEquals("The refresh token has expired", refused.description(), "refused for its age, not as unknown");
    }

    @Test
    void whenCredentialsAreWrongThenTheAnswerIsTheSameForEveryCause() {
        List<String> descriptions = new ArrayList<>();
        for (String[] attempt : new String[][] {{"alice", "wrong"}, {"nobody", "alice-password"}, {"bob", "bob-password"}}) {
            try {
                issue(tollgate, "app", "app-secret", "grant_type", "password", "username", attempt[0],
                        "password", attempt[1]);
            } catch (OAuthException e) {
                assertEquals(OAuthError.INVALID_GRANT, e.error());
                descriptions.add(e.description());
            }
        }
        assertEquals(3, descriptions.size());
        assertEquals(1, descriptions.stream().distinct().count());
    }

    @Test
    void whenClientIsUnknownDisabledOrWrongThenInvalidClient() {
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(() -> issue(tollgate, "app", "wrong",
                "grant_type", "client_credentials")));
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(() -> issue(tollgate, "ghost", "x",
                "grant_type", "client_credentials")));
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(() -> issue(tollgate, "disabled-client", "disabled-secret",
                "grant_type", "client_credentials")));
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(() -> issue(tollgate, "app", null,
                "grant_type", "client_credentials")));
    }

    @Test
    void whenClientIsNotRegisteredForTheGrantThenUnauthorizedClient() {
        assertEquals(OAuthError.UNAUTHORIZED_CLIENT, errorOf(() -> issue(tollgate, "spa", null,
                "grant_type", "client_credentials")));
        assertEquals(OAuthError.UNAUTHORIZED_CLIENT, errorOf(() -> password("service", "service-secret")));
    }

    @Test
    void whenTheGrantTypeIsUnknownThenUnsupportedGrantType() {
        assertEquals(OAuthError.UNSUPPORTED_GRANT_TYPE, errorOf(() -> issue(tollgate, "app", "app-secret",
                "grant_type", "urn:ietf:params:oauth:grant-type:device_code")));
    }

    @Test
    void whenManyRequestsPresentOneRefreshTokenAtOnceThenExactlyOneSucceeds() throws Exception {
        String token = password("app", "app-secret").refreshToken();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Callable<String> attempt = () -> {
                    start.await();
                    try {
                        return refresh(token).refreshToken() != null ? "ok" : "no refresh token";
                    } catch (OAuthException e) {
                        return e.error().code();
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, results.stream().filter("ok"::equals).count(), results.toString());
            assertEquals(requests - 1, results.stream().filter("invalid_grant"::equals).count(), results.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
