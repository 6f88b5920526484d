package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.TokenResponse;

/**
 * Wrong passwords for one username from one address, many at once (a guessing script, or users behind one
 * proxy): each is answered invalid_grant and each counts, so the lock comes at the configured failure.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrentLoginFailuresIT {

    private static final int THREADS = 8;
    private static final int ROUNDS = 3;
    private static final String ADDRESS = "198.51.100.7";

    @TempDir
    Path dataDir;
    Tollgate tollgate;

    @BeforeEach
    void start() {
        // no doubling delays, so that every attempt reaches its password check and its count; the lock at the
        // last of them
        tollgate = InProcessTollgate.start(dataDir, Settings.BRUTE_FORCE_DELAY_AFTER, "1000",
                Settings.BRUTE_FORCE_MAX_FAILURES, String.valueOf(THREADS * ROUNDS),
                Settings.BRUTE_FORCE_ADDRESS_MAX_FAILURES, "1000", Settings.ARGON2_MEMORY, "1024");
    }

    @AfterEach
    void stop() {
        tollgate.close();
    }

    @Test
    void whenWrongPasswordsArriveAtOnceThenEachIsInvalidGrantAndEachCounts() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            AtomicInteger attempt = new AtomicInteger();
            assertEquals(Map.of("invalid_grant", THREADS), AtOnce.outcomes(THREADS, () -> {
                login("alice", "wrong-" + attempt.incrementAndGet());
                return "200";
            }), "round " + round);
        }
        assertEquals(OAuthError.INVALID_GRANT, InProcessTollgate.errorOf(() -> login("alice", "alice-password")),
                "after " + THREADS * ROUNDS + " counted failures the username is locked");
        assertNotNull(login("carol", "carol-password").accessToken(), "another user from the address is not");
    }

    private TokenResponse login(String username, String password) {
        return InProcessTollgate.issueFrom(ADDRESS, tollgate, "spa", null, "grant_type", "password",
                "username", username, "password", password);
    }
}
