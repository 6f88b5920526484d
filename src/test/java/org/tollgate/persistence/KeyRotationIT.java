package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.issue;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.keys.control.KeyEncryption;
import org.tollgate.keys.control.SigningKeys;
import org.tollgate.token.control.ClientCredentials;
import org.tollgate.token.control.TokenLookupRequest;

/** Rotation and retirement of signing keys, and what they mean for tokens already issued. */
class KeyRotationIT {

    private static final String ALG = "RS256";
    private static final int RACE_ROUNDS = 5;

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

    /**
     * Two nodes' key stores over one database (each its own SigningKeys, as on two servers) rotate the same
     * key at the same moment, round after round: the database lets one of them replace it, never both.
     */
    @Test
    void whenTwoNodesRotateTheSameKeyAtOnceThenOnlyOneNewKeyIsCreated() throws Exception {
        Settings settings = new Settings(List.of(name -> Optional.ofNullable(
                Map.of(Settings.DATA_DIR, dataDir.toString()).get(name))));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (Database database = Database.open(settings)) {
            KeyEncryption encryption = new KeyEncryption(new byte[32]);
            SigningKeys first = new SigningKeys(database.entityManagerFactory(), Clock.systemUTC(), 300, encryption);
            SigningKeys second = new SigningKeys(database.entityManagerFactory(), Clock.systemUTC(), 300, encryption);
            SigningKeys.State state = first.load(ALG);
            for (int round = 1; round <= RACE_ROUNDS; round++) {
                String original = state.active().getKeyID();
                CountDownLatch start = new CountDownLatch(1);
                Future<SigningKeys.State> one = nodes.submit(() -> {
                    start.await();
                    return first.rotate(ALG, original);
                });
                Future<SigningKeys.State> other = nodes.submit(() -> {
                    start.await();
                    return second.rotate(ALG, original);
                });
                start.countDown();
                state = one.get();
                assertEquals(state.active().getKeyID(), other.get().active().getKeyID(), "round " + round);
                assertNotEquals(original, state.active().getKeyID(), "round " + round);
                assertEquals(round + 1, state.published().size(), "round " + round + ": one new key, not two");
            }
        } finally {
            nodes.shutdownNow();
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
