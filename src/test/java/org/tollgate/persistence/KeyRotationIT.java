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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.keys.control.KeyEncryption;
import org.tollgate.keys.control.KeyRing;
import org.tollgate.keys.control.SigningProvider;
import org.tollgate.keys.control.SigningThreads;
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
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try (Database database = InProcessDatabase.open(dataDir)) {
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

    /**
     * A rolling change of signing.alg: a restarted node makes a key of the new algorithm active, and a node
     * still configured with the old one signs with that key from its next re-read, rather than replace it
     * with one of its own (and be replaced again at the other node's re-read, every few seconds).
     */
    @Test
    void whenNodesDisagreeOnTheAlgorithmThenTheyShareTheActiveKeyInsteadOfReplacingIt() {
        SteppedClock clock = new SteppedClock();
        try (Database database = InProcessDatabase.open(dataDir)) {
            KeyEncryption encryption = new KeyEncryption(new byte[32]);
            KeyRing notYetRestarted = new KeyRing(new SigningKeys(database.entityManagerFactory(), clock, 300,
                    encryption), "RS256", SigningProvider.JVM_DEFAULT, SigningThreads.CALLER, clock);
            String rsa = notYetRestarted.activeKid();
            KeyRing restarted = new KeyRing(new SigningKeys(database.entityManagerFactory(), clock, 300,
                    encryption), "ES256", SigningProvider.JVM_DEFAULT, SigningThreads.CALLER, clock);
            String ec = restarted.activeKid();
            assertNotEquals(rsa, ec, "the restarted node's start replaces the key of the old algorithm");
            for (int reread = 0; reread < 3; reread++) {
                clock.step(Duration.ofSeconds(11));
                assertEquals(ec, notYetRestarted.activeKid(), "re-read " + reread);
                assertEquals(ec, restarted.activeKid(), "re-read " + reread);
                assertEquals("ES256", notYetRestarted.signer().algorithm());
            }
            assertEquals(2, restarted.publicKeys().getKeys().size(), "the old key and the new one, no third");
        }
    }

    /** A clock that moves only when told to. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.now();

        void step(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
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
