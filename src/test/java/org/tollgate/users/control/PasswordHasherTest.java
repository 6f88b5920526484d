package org.tollgate.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String hash = hasher.hash("pw");
        assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
        assertFalse(hash.contains("pw$"));
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
}
