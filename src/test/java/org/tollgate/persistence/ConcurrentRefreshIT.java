package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
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
import org.tollgate.token.control.OAuthException;

/**
 * Many requests presenting one live refresh token at the same moment: the database lets exactly one
 * rotate it, every other request gets invalid_grant, and the family never holds two live tokens.
 */
class ConcurrentRefreshIT {

    private static final int CONCURRENT = 50;
    private static final int ROUNDS = 20;

    @TempDir
    static Path dataDir;
    static Tollgate tollgate;
    static ExecutorService pool;

    @BeforeAll
    static void start() {
        tollgate = InProcessTollgate.start(dataDir);
        pool = Executors.newFixedThreadPool(CONCURRENT);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        tollgate.close();
    }

    /** A public client, so the 50 requests race on the token rather than queue behind 50 Argon2 checks. */
    private static String refresh(String token) {
        return issue(tollgate, "spa", null, "grant_type", "refresh_token", "refresh_token", token).refreshToken();
    }

    @Test
    void whenFiftyRequestsPresentOneTokenThenExactlyOneWinsEveryRound() throws Exception {
        String token = issue(tollgate, "spa", null, "grant_type", "password", "username", "alice",
                "password", "alice-password").refreshToken();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> winners = race(token);
            assertEquals(1, winners.size(), "round " + round + ": winners " + winners.size());
            assertEquals(0, liveTokensOtherThan(winners.get(0)), "round " + round + ": another live token");
            // the whole family was revoked if a loser arrived after the winner committed (a replay);
            // start each round from a fresh grant so every round races on a live token
            token = issue(tollgate, "spa", null, "grant_type", "password", "username", "alice",
                    "password", "alice-password").refreshToken();
        }
    }

    private static List<String> race(String token) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    return refresh(token);
                } catch (OAuthException e) {
                    return "error:" + e.error().code();
                }
            }));
        }
        go.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            String result = outcome.get(60, TimeUnit.SECONDS);
            if (result.startsWith("error:")) {
                assertEquals("error:invalid_grant", result);
            } else {
                winners.add(result);
            }
        }
        return winners;
    }

    /** Live tokens of the winner's family other than the winner's own, straight from the database. */
    private static int liveTokensOtherThan(String winner) throws Exception {
        String hash = org.tollgate.token.control.RefreshTokenStoreAccess.hash(winner);
        try (Connection db = InProcessDatabase.connect(dataDir);
             PreparedStatement live = db.prepareStatement("select count(*) from refresh_tokens t"
                     + " where t.family_id = (select family_id from refresh_tokens where token_hash = ?)"
                     + " and t.token_hash <> ? and t.rotated_at is null and t.revoked_at is null")) {
            live.setString(1, hash);
            live.setString(2, hash);
            try (ResultSet rows = live.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
