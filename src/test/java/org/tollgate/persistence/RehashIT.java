package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;

/** Raising the Argon2 cost upgrades each stored hash at its next successful use. */
class RehashIT {

    @TempDir
    Path dataDir;

    private String stored(String sql, String key) throws Exception {
        try (Connection db = InProcessDatabase.connect(dataDir);
             PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void aliceLogsIn(Tollgate tollgate) {
        assertNotNull(issue(tollgate, "app", "app-secret", "grant_type", "password", "username", "alice",
                "password", "alice-password").accessToken());
    }

    @Test
    void whenTheCostIsRaisedThenPasswordsAndSecretsAreRehashedOnTheirNextUse() throws Exception {
        try (Tollgate cheap = InProcessTollgate.start(dataDir, Settings.ARGON2_MEMORY, "1024",
                Settings.ARGON2_ITERATIONS, "1")) {
            aliceLogsIn(cheap);
        }
        String userSql = "select password_hash from users where username = ?";
        String clientSql = "select secret_hash from clients where client_id = ?";
        assertTrue(stored(userSql, "alice").contains("m=1024,t=1,"));
        assertTrue(stored(clientSql, "app").contains("m=1024,t=1,"));

        try (Tollgate raised = InProcessTollgate.start(dataDir, Settings.IMPORT, "", Settings.ARGON2_MEMORY, "2048",
                Settings.ARGON2_ITERATIONS, "2")) {
            aliceLogsIn(raised);
            aliceLogsIn(raised);
        }
        assertTrue(stored(userSql, "alice").contains("m=2048,t=2,"), stored(userSql, "alice"));
        assertTrue(stored(clientSql, "app").contains("m=2048,t=2,"), stored(clientSql, "app"));
    }

    /** Logins of one user through one client, at once, right after a raise: each needs both hashes upgraded. */
    @Test
    void whenTheCostIsRaisedThenConcurrentLoginsAllSucceed() throws Exception {
        try (Tollgate cheap = InProcessTollgate.start(dataDir, Settings.ARGON2_MEMORY, "1024",
                Settings.ARGON2_ITERATIONS, "1")) {
            aliceLogsIn(cheap);
        }
        try (Tollgate raised = InProcessTollgate.start(dataDir, Settings.IMPORT, "", Settings.ARGON2_MEMORY, "2048",
                Settings.ARGON2_ITERATIONS, "2")) {
            assertEquals(Map.of("200", 8), AtOnce.outcomes(8, () -> {
                aliceLogsIn(raised);
                return "200";
            }));
        }
        assertTrue(stored("select password_hash from users where username = ?", "alice").contains("m=2048,t=2,"));
        assertTrue(stored("select secret_hash from clients where client_id = ?", "app").contains("m=2048,t=2,"));
    }
}
