package org.tollgate.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    /** Cheap parameters keep the test fast; the format and the logic are the same. */
    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

    @Test
    void whenThePasswordMatchesThenVerifySucceeds() {
        String hash = hasher.hash("correct horse");
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct hors", hash));
    }

    @Test
    void whenHashedTwiceThenTheSaltsDiffer() {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void whenHashedThenThePhcStringCarriesItsParameters() {
        // spaces are outside base64's alphabet, so only a leaked password could put this text in the hash
        String hash = hasher.hash("not in base64");
        assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
        assertFalse(hash.contains("not in base64"), hash);
    }

    @Test
    void whenAHashHasOtherParametersThenItStillVerifies() {
        String stronger = new PasswordHasher(128, 2, 1).hash("pw");
        assertTrue(hasher.verify("pw", stronger));
    }

    @Test
    void whenTheStoredHashIsMissingOrMalformedThenNothingMatches() {
        assertFalse(hasher.verify("pw", null));
        assertFalse(hasher.verify("pw", "plain-text"));
        assertFalse(hasher.verify("pw", "$argon2id$v=19$m=64,t=1,p=1$bad$"));
        assertFalse(hasher.verify("pw", "$argon2id$v=19$m=1,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"));
    }

    @Test
    void whenTheCostDiffersFromTheConfiguredOneThenAHashNeedsRehashing() {
        assertFalse(hasher.needsRehash(hasher.hash("pw")));
        assertTrue(hasher.needsRehash(new PasswordHasher(128, 1, 1).hash("pw")));
        assertTrue(hasher.needsRehash(new PasswordHasher(64, 2, 1).hash("pw")));
    }

    /** Argon2's memory is reused from one computation to the next; every result must still be Argon2id's. */
    @Test
    void whenMemoryIsReusedThenEveryHashIsArgon2idOfItsPasswordAndSalt() {
        assertTrue(PasswordHasher.REUSE_MEMORY, "the WAR's BouncyCastle has BlockPool, so memory is reused");
        PasswordHasher larger = new PasswordHasher(256, 2, 2);
        for (String password : new String[] {"first", "second", "third"}) {
            for (PasswordHasher each : new PasswordHasher[] {hasher, larger, hasher}) {
                String phc = each.hash(password);
                assertEquals(phc, reference(password, phc));
                assertTrue(each.verify(password, phc));
            }
        }
    }

    /** The PHC string that BouncyCastle's Argon2id, with its own fresh memory, gives for this salt and cost. */
    private static String reference(String password, String phc) {
        String[] parts = phc.split("\\$"); // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        int[] cost = new int[3];
        String[] params = parts[3].split(",");
        for (int i = 0; i < 3; i++) {
            cost[i] = Integer.parseInt(params[i].substring(2));
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost[0]).withIterations(cost[1]).withParallelism(cost[2])
                .withSalt(Base64.getDecoder().decode(parts[4]))
                .build());
        byte[] hash = new byte[Base64.getDecoder().decode(parts[5]).length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return String.join("$", parts[0], parts[1], parts[2], parts[3], parts[4],
                Base64.getEncoder().withoutPadding().encodeToString(hash));
    }
}
