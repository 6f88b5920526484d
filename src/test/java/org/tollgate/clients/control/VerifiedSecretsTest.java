package org.tollgate.clients.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedSecretsTest {

    private final VerifiedSecrets verified = new VerifiedSecrets();

    @Test
    void whenATripleWasVerifiedThenOnlyThatExactTripleIsRemembered() {
        verified.add("app", "s3cret", "$argon2id$hash-1");
        assertTrue(verified.contains("app", "s3cret", "$argon2id$hash-1"));
        assertFalse(verified.contains("app", "s3cret-", "$argon2id$hash-1"), "another secret");
        assertFalse(verified.contains("app", "s3cret", "$argon2id$hash-2"), "the secret was rotated");
        assertFalse(verified.contains("app2", "s3cret", "$argon2id$hash-1"), "another client");
    }

    @Test
    void whenPartsShiftBetweenFieldsThenTheyDoNotCollide() {
        verified.add("ab", "c", "h");
        assertFalse(verified.contains("a", "bc", "h"));
    }
}
