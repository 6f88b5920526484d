package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.issue;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.TokenLookupRequest;

/** Rotation and retirement of signing keys, and what they mean for tokens already issued. */
class KeyRotationIT {

    @TempDir
    Path dataDir;

    private static String serviceToken(Tollgate tollgate) {
        return issue(tollgate, "service", "service-secret", "grant_type", "client_credentials").accessToken();
    }

    private static boolean active(Tollgate tollgate, String token) {
        TokenLookupRequest request = new TokenLookupRequest(
                new ClientCredentials(ClientCredentials.Method.POST, "app", "app-secret"), token, null);
        return Boolean.TRUE.equals(tollgate.tokenIntrospector().introspect(request).get("active"));
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void whenRotatedThenNewTokensCarryTheNewKidAndOldTokensStillVerify() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            String oldKid = tollgate.keyRing().activeKid();
            String before = serviceToken(tollgate);

            String newKid = tollgate.keyRing().rotate();

            assertNotEquals(oldKid, newKid);
            assertEquals(newKid, kidOf(serviceToken(tollgate)));
            assertNotNull(tollgate.keyRing().publicKeys().getKeyByKeyId(oldKid));
            assertNotNull(tollgate.keyRing().publicKeys().getKeyByKeyId(newKid));
            assertTrue(active(tollgate, before));
        }
    }

    @Test
    void whenAnOldKeyIsRetiredThenItIsNoLongerPublishedAndItsTokensAreInactive() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            String oldKid = tollgate.keyRing().activeKid();
            String before = serviceToken(tollgate);
            String newKid = tollgate.keyRing().rotate();

            assertFalse(tollgate.keyRing().retire(newKid), "the active key cannot be retired");
            assertTrue(tollgate.keyRing().retire(oldKid));

            assertEquals(1, tollgate.keyRing().publicKeys().getKeys().size());
            assertFalse(active(tollgate, before));
            assertTrue(active(tollgate, serviceToken(tollgate)));
        }
    }

    @Test
    void whenRestartedAfterARotationThenBothKeysArePublishedAndTheNewOneSigns() throws Exception {
        String oldKid;
        String newKid;
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            oldKid = tollgate.keyRing().activeKid();
            newKid = tollgate.keyRing().rotate();
        }
        try (Tollgate tollgate = InProcessTollgate.start(dataDir, Settings.IMPORT, "")) {
            assertEquals(newKid, tollgate.keyRing().activeKid());
            assertNotNull(tollgate.keyRing().publicKeys().getKeyByKeyId(oldKid));
        }
    }

    @Test
    void whenTwoNodesRotateTheSameKeyThenOnlyOneNewKeyIsCreated() {
        try (Tollgate node = InProcessTollgate.start(dataDir)) {
            String original = node.keyRing().activeKid();
            String first = node.keyRing().rotateIfStillActive(original);
            String second = node.keyRing().rotateIfStillActive(original);
            assertEquals(first, second);
            assertEquals(2, node.keyRing().publicKeys().getKeys().size());
        }
    }

    @Test
    void whenTheRotationIntervalHasPassedThenTheScheduleRotates() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir, Settings.SIGNING_ROTATION, "PT1S")) {
            String original = tollgate.keyRing().activeKid();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (tollgate.keyRing().activeKid().equals(original) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertNotEquals(original, tollgate.keyRing().activeKid());
            Map<String, ?> jwks = tollgate.keyRing().publicKeys().toJSONObject();
            assertTrue(jwks.toString().contains(original), "the rotated key stays published");
        }
    }
}
