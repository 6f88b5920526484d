package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthException;

/**
 * An administrator resets a password (or deletes or disables the user) while logins with the old one are under
 * way, as when an attacker uses a stolen password: no login that checked the old password may leave a refresh
 * token that outlives the change.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ResetDuringLoginsIT {

    private static final int LOGGING_IN = 4;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"resetPassword", "delete", "disable"})
    void whenTheUserIsChangedDuringLoginsThenNoRefreshTokenOfTheOldPasswordLives(String change) throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir, Settings.ARGON2_MEMORY, "4096",
                Settings.BRUTE_FORCE_DELAY_AFTER, "100000", Settings.BRUTE_FORCE_MAX_FAILURES, "100000")) {
            tollgate.operations().users().create("mallory-target", "old-password");
            Queue<String> refreshTokens = new ConcurrentLinkedQueue<>();
            AtomicBoolean go = new AtomicBoolean(true);
            ExecutorService attackers = Executors.newFixedThreadPool(LOGGING_IN);
            List<Future<?>> running = new ArrayList<>();
            try {
                for (int i = 0; i < LOGGING_IN; i++) {
                    running.add(attackers.submit(() -> {
                        while (go.get()) {
                            try {
                                refreshTokens.add(InProcessTollgate.issue(tollgate, "app", "app-secret",
                                        "grant_type", "password", "username", "mallory-target",
                                        "password", "old-password").refreshToken());
                            } catch (OAuthException refusedAfterTheReset) {
                                // invalid_grant: what every login after the reset must get
                            }
                        }
                        return null;
                    }));
                }
                while (refreshTokens.size() < 20) {
                    Thread.sleep(10);
                }
                switch (change) {
                    case "resetPassword" -> tollgate.operations().users().resetPassword("mallory-target", "new-password");
                    case "delete" -> tollgate.operations().users().delete("mallory-target");
                    default -> tollgate.operations().users().setEnabled("mallory-target", false);
                }
                Thread.sleep(200);
            } finally {
                go.set(false);
                for (Future<?> attacker : running) {
                    attacker.get();
                }
                attackers.shutdownNow();
            }
            Map<String, Integer> answers = new TreeMap<>();
            for (String token : refreshTokens) {
                String answer;
                try {
                    InProcessTollgate.issue(tollgate, "app", "app-secret", "grant_type", "refresh_token",
                            "refresh_token", token);
                    answer = "token";
                } catch (OAuthException e) {
                    answer = e.error().code();
                }
                answers.merge(answer, 1, Integer::sum);
            }
            assertTrue(refreshTokens.size() >= 20, "logins before the reset: " + refreshTokens.size());
            assertEquals(Map.of("invalid_grant", refreshTokens.size()), answers);
        }
    }
}
