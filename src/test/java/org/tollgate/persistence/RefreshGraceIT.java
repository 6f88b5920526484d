package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.tollgate.persistence.InProcessTollgate.errorOf;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
import org.tollgate.config.Settings;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.RefreshTokenStoreAccess;
import org.tollgate.token.control.TokenLookupRequest;

/**
 * The refresh grace window (refresh-token.grace): off by default, so presenting a rotated token is a
 * replay that revokes the family; when on, only the immediately previous token, only once and only within
 * the window, gets a new pair and retires its successor. A family never has two live tokens, concurrent
 * grace uses have one winner, and a revoked family stays revoked.
 */
class RefreshGraceIT {

    private static final int CONCURRENT = 20;

    @TempDir
    static Path graceDir;
    static Tollgate grace;

    @BeforeAll
    static void start() {
        grace = InProcessTollgate.start(graceDir, Settings.REFRESH_TOKEN_GRACE, "PT1M");
    }

    @AfterAll
    static void stop() {
        grace.close();
    }

    @Test
    void whenGraceIsOffByDefaultThenPresentingThePreviousTokenIsAReplayThatRevokesTheFamily(@TempDir Path dir)
            throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dir)) {
            String first = login(tollgate);
            String second = refresh(tollgate, first);
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(tollgate, first)));
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(tollgate, second)));
            assertEquals(List.of(), liveInFamilyOf(dir, first));
        }
    }

    @Test
    void whenThePreviousTokenComesBackWithinTheWindowThenANewPairAndItsSuccessorDies() throws Exception {
        String first = login(grace);
        String second = refresh(grace, first);
        String third = refresh(grace, first);
        assertNotEquals(second, third);
        assertEquals(List.of(hash(third)), liveInFamilyOf(graceDir, first), "only the new token lives");
        assertEquals(false, introspectedActive(second), "the successor was retired");
        String fourth = refresh(grace, third);
        assertEquals(List.of(hash(fourth)), liveInFamilyOf(graceDir, first));
        assertEquals(1, signInTimesInFamilyOf(graceDir, first).size(),
                "the token given within the window keeps the family's sign-in time, as a rotation does");
    }

    @Test
    void whenThePreviousTokenComesBackASecondTimeThenItIsAReplay() throws Exception {
        String first = login(grace);
        refresh(grace, first);
        String third = refresh(grace, first);
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(grace, first)));
        assertEquals(List.of(), liveInFamilyOf(graceDir, first), "the replay revoked the family");
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(grace, third)));
    }

    @Test
    void whenATokenOlderThanThePreviousComesBackWithinTheWindowThenItIsAReplay() throws Exception {
        String first = login(grace);
        String second = refresh(grace, first);
        String third = refresh(grace, second);
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(grace, first)));
        assertEquals(List.of(), liveInFamilyOf(graceDir, first), "the replay revoked the family");
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(grace, third)));
    }

    @Test
    void whenThePreviousTokenComesBackAfterTheWindowThenItIsAReplay(@TempDir Path dir) throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dir, Settings.REFRESH_TOKEN_GRACE, "PT1S")) {
            String first = login(tollgate);
            String second = refresh(tollgate, first);
            Thread.sleep(1_300);
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(tollgate, first)));
            assertEquals(List.of(), liveInFamilyOf(dir, first), "the replay revoked the family");
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(tollgate, second)));
        }
    }

    @Test
    void whenManyPresentThePreviousTokenAtOnceThenExactlyOneGetsANewPair() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        try {
            for (int round = 0; round < 5; round++) {
                String first = login(grace);
                refresh(grace, first);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        try {
                            return refresh(grace, first);
                        } catch (OAuthException e) {
                            assertEquals(OAuthError.INVALID_GRANT, e.error());
                            return null;
                        }
                    }));
                }
                go.countDown();
                List<String> winners = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    String token = outcome.get(60, TimeUnit.SECONDS);
                    if (token != null) {
                        winners.add(token);
                    }
                }
                assertEquals(1, winners.size(), "round " + round + ": winners");
                // a request that arrived after the winner committed saw a spent grace: a replay
                List<String> live = liveInFamilyOf(graceDir, first);
                assertEquals(true, live.isEmpty() || live.equals(List.of(hash(winners.get(0)))),
                        "round " + round + ": live tokens " + live);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheFamilyWasRevokedThenThePreviousTokenGetsNothingWithinTheWindow() throws Exception {
        String first = login(grace);
        String second = refresh(grace, first);
        grace.tokenRevoker().revoke(new TokenLookupRequest(app(), second, null));
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(grace, first)));
        assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> refresh(grace, second)));
        assertEquals(List.of(), liveInFamilyOf(graceDir, first));
    }

    private static ClientCredentials app() {
        return new ClientCredentials(ClientCredentials.Method.POST, "app", "app-secret");
    }

    private static String login(Tollgate tollgate) {
        return issue(tollgate, "app", "app-secret", "grant_type", "password", "username", "alice",
                "password", "alice-password").refreshToken();
    }

    private static String refresh(Tollgate tollgate, String token) {
        return issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", token)
                .refreshToken();
    }

    private static boolean introspectedActive(String token) {
        return Boolean.TRUE.equals(grace.tokenIntrospector().introspect(new TokenLookupRequest(app(), token, null))
                .get("active"));
    }

    private static String hash(String token) {
        return RefreshTokenStoreAccess.hash(token);
    }

    /** The distinct sign-in times the rows of the family of {@code token} hold, none of them null. */
    private static Set<Object> signInTimesInFamilyOf(Path dataDir, String token) throws Exception {
        List<Object> times = inFamilyOf(dataDir, token, "authenticated_at", "");
        times.forEach(time -> Objects.requireNonNull(time, "a row without its sign-in time"));
        return new HashSet<>(times);
    }

    /** Hashes of the live tokens in the family of {@code token}. */
    private static List<String> liveInFamilyOf(Path dataDir, String token) throws Exception {
        return inFamilyOf(dataDir, token, "token_hash", " and t.rotated_at is null and t.revoked_at is null")
                .stream().map(String.class::cast).toList();
    }

    /** One column of the rows of the family of {@code token} that meet the condition, straight from the database. */
    private static List<Object> inFamilyOf(Path dataDir, String token, String column, String condition)
            throws Exception {
        try (Connection db = InProcessDatabase.connect(dataDir);
             PreparedStatement select = db.prepareStatement("select t." + column + " from refresh_tokens t"
                     + " where t.family_id = (select family_id from refresh_tokens where token_hash = ?)"
                     + condition)) {
            select.setString(1, hash(token));
            List<Object> values = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
            return values;
        }
    }
}
