package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.errorOf;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.TokenResponse;

/**
 * Token requests authenticate their client from a cache. A change made through this node's management
 * counts at once; one written to the shared database by another node counts within seconds.
 */
class ClientCacheIT {

    /** The cache's five seconds, with room for a loaded machine. */
    private static final long ANOTHER_NODES_CHANGE_MILLIS = 15_000;

    @TempDir
    Path dataDir;

    private static void serviceToken(Tollgate tollgate) {
        assertNotNull(issue(tollgate, "service", "service-secret", "grant_type", "client_credentials").accessToken());
    }

    private static OAuthError serviceRefusal(Tollgate tollgate) {
        return errorOf(() -> issue(tollgate, "service", "service-secret", "grant_type", "client_credentials"));
    }

    @Test
    void whenThisNodeDisablesTheClientThenItsNextRequestIsRefused() {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            serviceToken(tollgate);
            tollgate.operations().clients().setEnabled("service", false);
            assertEquals(OAuthError.INVALID_CLIENT, serviceRefusal(tollgate));
            tollgate.operations().clients().setEnabled("service", true);
            serviceToken(tollgate);
        }
    }

    @Test
    void whenThisNodeRotatesTheSecretThenTheOldOneIsRefusedAtOnce() {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            serviceToken(tollgate);
            String secret = tollgate.operations().clients().rotateSecret("service");
            assertEquals(OAuthError.INVALID_CLIENT, serviceRefusal(tollgate));
            assertNotNull(issue(tollgate, "service", secret, "grant_type", "client_credentials").accessToken());
        }
    }

    /** A scope taken off the registration is not granted again by a refresh, and counts again once given back. */
    @Test
    void whenThisNodeNarrowsTheClientsScopeThenARefreshGrantsOnlyWhatIsLeft() {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            TokenResponse signIn = issue(tollgate, "app", "app-secret", "grant_type", "password",
                    "username", "alice", "password", "alice-password");
            assertEquals("read write", signIn.scope());
            tollgate.operations().clients().updateScope("app", "read");
            TokenResponse narrowed = refresh(tollgate, signIn.refreshToken());
            assertEquals("read", narrowed.scope());
            assertEquals(OAuthError.INVALID_SCOPE, errorOf(() -> issue(tollgate, "app", "app-secret",
                    "grant_type", "refresh_token", "refresh_token", narrowed.refreshToken(), "scope", "write")));
            tollgate.operations().clients().updateScope("app", "read write");
            assertEquals("read write", refresh(tollgate, narrowed.refreshToken()).scope());
        }
    }

    private static TokenResponse refresh(Tollgate tollgate, String refreshToken) {
        return issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    @Test
    void whenAnotherNodeDisablesTheClientInTheDatabaseThenThisNodeRefusesItWithinSeconds() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            serviceToken(tollgate);
            try (Connection db = InProcessDatabase.connect(dataDir);
                 PreparedStatement disable = db.prepareStatement(
                         "update clients set enabled = false, version = version + 1 where client_id = 'service'")) {
                assertEquals(1, disable.executeUpdate());
            }
            long deadline = System.currentTimeMillis() + ANOTHER_NODES_CHANGE_MILLIS;
            boolean refused = false;
            while (!refused && System.currentTimeMillis() < deadline) {
                try {
                    serviceToken(tollgate);
                    Thread.sleep(200);
                } catch (org.tollgate.token.control.OAuthException e) {
                    assertEquals(OAuthError.INVALID_CLIENT, e.error());
                    refused = true;
                }
            }
            assertTrue(refused, "the client disabled in the database was still served after 15 s");
        }
    }
}
