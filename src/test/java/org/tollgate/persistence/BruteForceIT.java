package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenResponse;

/** Brute-force throttling of the password grant, per username and per client address, in the database. */
class BruteForceIT {

    /** Long enough that a slow machine finishes twenty attempts inside it; the first test waits it out. */
    private static final long LOCK_SECONDS = 10;

    @TempDir
    Path dataDir;
    Tollgate tollgate;

    @BeforeEach
    void start() {
        tollgate = InProcessTollgate.start(dataDir, Settings.BRUTE_FORCE_LOCK, String.valueOf(LOCK_SECONDS),
                Settings.BRUTE_FORCE_ADDRESS_MAX_FAILURES, "15", Settings.ARGON2_MEMORY, "1024");
    }

    @AfterEach
    void stop() {
        tollgate.close();
    }

    private TokenResponse login(String username, String password, String address) {
        return InProcessTollgate.issueFrom(address, tollgate, "spa", null, "grant_type", "password",
                "username", username, "password", password);
    }

    /** The answer as a client sees it: the error code and its description. */
    private String answer(String username, String password, String address) {
        try {
            login(username, password, address);
            return "200";
        } catch (OAuthException e) {
            return e.error().code() + ": " + e.description();
        }
    }

    @Test
    void whenAliceFailsTwentyTimesThenEvenHerPasswordIsRefusedUntilTheLockEnds() throws Exception {
        TreeSet<String> answers = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            answers.add(answer("alice", "wrong-" + i, "198.51.100.1"));
        }
        String locked = answer("alice", "alice-password", "198.51.100.2");

        assertEquals(1, answers.size(), answers.toString());
        assertEquals(answers.first(), locked, "a locked account answers exactly like a wrong password");
        assertNotNull(login("carol", "carol-password", "198.51.100.3").accessToken(), "carol is unaffected");

        Thread.sleep(LOCK_SECONDS * 1000 + 500);
        assertNotNull(login("alice", "alice-password", "198.51.100.2").accessToken());
    }

    @Test
    void whenAnUnknownUserIsTriedThenTheAnswersAreThoseOfAKnownOne() {
        List<String> known = new java.util.ArrayList<>();
        List<String> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            known.add(answer("alice", "wrong-" + i, null));
            unknown.add(answer("mallory", "wrong-" + i, null));
        }
        assertEquals(known, unknown);
        assertEquals(answer("alice", "alice-password", null), answer("mallory", "anything", null));
    }

    @Test
    void whenASuccessfulLoginFollowsAFewFailuresThenTheCountStartsAgain() {
        for (int i = 0; i < 3; i++) {
            answer("carol", "wrong", null);
        }
        assertNotNull(login("carol", "carol-password", null).accessToken());
        for (int i = 0; i < 3; i++) {
            answer("carol", "wrong", null);
        }
        assertNotNull(login("carol", "carol-password", null).accessToken(), "three new failures lock nothing");
    }

    @Test
    void whenOneAddressFailsForManyUsersThenThatAddressIsLockedAndOthersAreNot() {
        for (int i = 0; i < 15; i++) {
            answer("user" + i, "wrong", "203.0.113.9");
        }
        assertEquals(answer("nobody", "wrong", "203.0.113.10"), answer("carol", "carol-password", "203.0.113.9"));
        assertNotNull(login("carol", "carol-password", "203.0.113.10").accessToken());
    }
}
