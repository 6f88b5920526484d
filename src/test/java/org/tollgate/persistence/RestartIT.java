package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.errorOf;
import static org.tollgate.persistence.InProcessTollgate.issue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.admin.ImportException;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.TokenResponse;

/** What survives a restart on the same embedded database, and what an import may and may not change. */
class RestartIT {

    @TempDir
    Path dataDir;

    private static TokenResponse alice(Tollgate tollgate, String password) {
        return issue(tollgate, "app", "app-secret", "grant_type", "password", "username", "alice",
                "password", password);
    }

    @Test
    void whenRestartedThenKeyClientsUsersAndRefreshTokensAreKept() throws Exception {
        String kid;
        TokenResponse before;
        try (Tollgate first = InProcessTollgate.start(dataDir)) {
            kid = first.keyRing().activeKid();
            before = alice(first, "alice-password");
        }
        try (Tollgate second = InProcessTollgate.start(dataDir, Settings.IMPORT, "")) {
            assertEquals(kid, second.keyRing().activeKid());
            assertTrue(SignedJWT.parse(before.accessToken())
                    .verify(new RSASSAVerifier((RSAKey) InProcessTollgate.activeKey(second))));
            assertNotNull(issue(second, "app", "app-secret", "grant_type", "refresh_token",
                    "refresh_token", before.refreshToken()).refreshToken());
            assertNotNull(alice(second, "alice-password").accessToken());
        }
    }

    @Test
    void whenTheSameFileIsImportedAgainThenNothingChanges() {
        String kid;
        TokenResponse before;
        try (Tollgate first = InProcessTollgate.start(dataDir)) {
            kid = first.keyRing().activeKid();
            before = alice(first, "alice-password");
        }
        try (Tollgate second = InProcessTollgate.start(dataDir)) {
            assertEquals(kid, second.keyRing().activeKid());
            // an import that took the unchanged password for a new one would have revoked alice's tokens
            assertNotNull(issue(second, "app", "app-secret", "grant_type", "refresh_token",
                    "refresh_token", before.refreshToken()).refreshToken());
            assertNotNull(alice(second, "alice-password").accessToken());
            assertNotNull(issue(second, "spa", null, "grant_type", "password", "username", "alice",
                    "password", "alice-password").refreshToken());
        }
    }

    @Test
    void whenTheFileGivesAUserANewPasswordThenHerRefreshTokensAreRevoked() throws Exception {
        TokenResponse before;
        try (Tollgate first = InProcessTollgate.start(dataDir)) {
            before = alice(first, "alice-password");
        }
        Path changed = dataDir.resolve("changed-import.json");
        Files.writeString(changed, Files.readString(InProcessTollgate.IMPORT)
                .replace("\"alice-password\"", "\"alice-new-password\""));
        try (Tollgate second = InProcessTollgate.start(dataDir, Settings.IMPORT, changed.toString())) {
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> issue(second, "app", "app-secret",
                    "grant_type", "refresh_token", "refresh_token", before.refreshToken())),
                    "as after resetPassword: a new password ends the old one's sessions");
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> alice(second, "alice-password")));
            assertNotNull(alice(second, "alice-new-password").refreshToken());
        }
    }

    @Test
    void whenAnImportFileIsMalformedThenStartFailsAndTheDatabaseIsUnchanged() throws Exception {
        try (Tollgate first = InProcessTollgate.start(dataDir)) {
            alice(first, "alice-password");
        }
        // valid JSON whose first user is a legitimate change, followed by an invalid client
        Path bad = Files.writeString(dataDir.resolve("bad.json"), """
                {"users": [{"username": "alice", "password": "changed-password"}],
                 "clients": [{"client_id": "broken", "grant_types": ["password"]}]}""");
        ImportException e = assertThrows(ImportException.class,
                () -> InProcessTollgate.start(dataDir, Settings.IMPORT, bad.toString()));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("clients[0].client_secret"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("changed-password"));
        try (Tollgate after = InProcessTollgate.start(dataDir, Settings.IMPORT, "")) {
            assertNotNull(alice(after, "alice-password").accessToken());
            assertEquals(OAuthError.INVALID_GRANT, errorOf(() -> alice(after, "changed-password")));
            assertEquals(OAuthError.INVALID_CLIENT, errorOf(() -> issue(after, "broken", "x",
                    "grant_type", "password")));
        }
    }

    @Test
    void whenTheSigningAlgorithmChangesThenANewKeyOfThatKindSignsAndTheOldStaysStored() throws Exception {
        String rsaKid;
        try (Tollgate rsa = InProcessTollgate.start(dataDir)) {
            rsaKid = rsa.keyRing().activeKid();
        }
        String ecKid;
        try (Tollgate ec = InProcessTollgate.start(dataDir, Settings.SIGNING_ALG, "ES256")) {
            ecKid = ec.keyRing().activeKid();
            assertNotEquals(rsaKid, ecKid);
            SignedJWT jwt = SignedJWT.parse(alice(ec, "alice-password").accessToken());
            assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
            assertEquals(ecKid, jwt.getHeader().getKeyID());
        }
        try (Tollgate again = InProcessTollgate.start(dataDir, Settings.SIGNING_ALG, "ES256")) {
            assertEquals(ecKid, again.keyRing().activeKid());
        }
    }
}
