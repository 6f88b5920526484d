package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenResponse;

/**
 * H2 closing the embedded database under a running Tollgate, as it does when a write fails on a full disk:
 * the pool's connections to it are dead from then on.
 */
class EmbeddedDatabaseClosedIT {

    /** More than the pool holds, so every connection it had could fail once first. */
    private static final int ATTEMPTS = 40;

    @TempDir
    Path dataDir;

    @Test
    void whenH2ClosesTheDatabaseThenRequestsAreTemporarilyUnavailableUntilItReopensWithNothingLost()
            throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            TokenResponse login = issue(tollgate, "app", "app-secret", "grant_type", "password",
                    "username", "alice", "password", "alice-password");

            closeTheDatabase();

            List<OAuthError> refusals = new ArrayList<>();
            TokenResponse refreshed = null;
            // back to back, as under load: a connection used within the last half second skips the pool's check
            for (int attempt = 0; attempt < ATTEMPTS && refreshed == null; attempt++) {
                try {
                    refreshed = issue(tollgate, "app", "app-secret", "grant_type", "refresh_token",
                            "refresh_token", login.refreshToken());
                } catch (OAuthException e) {
                    refusals.add(e.error());
                }
            }
            assertNotNull(refreshed, "still refused after " + ATTEMPTS + " requests: " + refusals);
            assertFalse(refusals.isEmpty(), "the database was not closed");
            assertTrue(refusals.stream().allMatch(OAuthError.TEMPORARILY_UNAVAILABLE::equals), refusals.toString());
            // the refresh token issued before the close was still there, and its successor was stored
            assertNotNull(issue(tollgate, "app", "app-secret", "grant_type", "refresh_token",
                    "refresh_token", refreshed.refreshToken()).accessToken());
            assertEquals(OAuthError.INVALID_GRANT, InProcessTollgate.errorOf(() -> issue(tollgate, "app",
                    "app-secret", "grant_type", "refresh_token", "refresh_token", login.refreshToken())));
        }
    }

    /** A connection of the test's own joins the same open database; SHUTDOWN IMMEDIATELY closes it for all. */
    private void closeTheDatabase() throws Exception {
        try (Connection connection = InProcessDatabase.connect(dataDir);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        }
    }
}
