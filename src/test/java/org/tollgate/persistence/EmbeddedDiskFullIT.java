package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenResponse;

/**
 * Fault drill: embedded H2 cannot grow its file, as on a full disk. The test JVM's own limit on the size
 * of the files it writes (RLIMIT_FSIZE, set with util-linux's prlimit, soft limit only) is lowered to a
 * little over the database file's size: a few commits later H2's writes past it fail with EFBIG ("File too
 * large"), through the same path as ENOSPC, and H2 closes the database. A client refreshing back to back
 * gets a token or 503 temporarily_unavailable, never another error; once the limit is lifted, as when
 * space is freed, it gets tokens again from the refresh token its last token answer gave it: every
 * rotation answered before the failure is still there.
 */
class EmbeddedDiskFullIT {

    /** Bounds: refreshes until the file is full, and until Tollgate serves again once it is not. */
    private static final int MAX_UNTIL_FULL = 2_000;
    private static final int MAX_UNTIL_BACK = 40;
    /** Bytes the file may still grow by: a few rotations' commits, answered before the first refusal. */
    private static final long ROOM = 256 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void whenH2CannotGrowItsFileThenTemporarilyUnavailableUntilItCanWithNothingLost() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            String held = issue(tollgate, "app", "app-secret", "grant_type", "password",
                    "username", "alice", "password", "alice-password").refreshToken();
            List<OAuthError> refusals = new ArrayList<>();
            long started = System.nanoTime();
            int untilFull = 0;
            limitFileSize(Files.size(dataDir.resolve("tollgate.mv.db")) + ROOM + "");
            try {
                // each rotation commits; one of them, or the compaction, needs the file to grow
                for (; untilFull < MAX_UNTIL_FULL && refusals.isEmpty(); untilFull++) {
                    held = refreshOrRecord(tollgate, held, refusals);
                }
                assertTrue(!refusals.isEmpty(), "the file never needed to grow in " + MAX_UNTIL_FULL + " refreshes");
                assertTrue(untilFull > 1, "no rotation was answered before the file was full");
                for (int i = 0; i < 5; i++) {
                    held = refreshOrRecord(tollgate, held, refusals);
                }
            } finally {
                limitFileSize("unlimited");
            }
            TokenResponse back = null;
            for (int i = 0; i < MAX_UNTIL_BACK && back == null; i++) {
                try {
                    back = issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", held);
                } catch (OAuthException e) {
                    refusals.add(e.error());
                }
            }
            System.out.printf("EmbeddedDiskFullIT: %d rotations answered before the file had to grow, then %d"
                    + " refusals, %d ms in all%n", untilFull - 1, refusals.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertTrue(refusals.stream().allMatch(OAuthError.TEMPORARILY_UNAVAILABLE::equals), refusals.toString());
            assertNotNull(back, "still refused " + MAX_UNTIL_BACK + " times after the limit was lifted: " + refusals);
            // its successor was stored, and the token it replaced is spent
            assertNotNull(issue(tollgate, "app", "app-secret", "grant_type", "refresh_token",
                    "refresh_token", back.refreshToken()).accessToken());
            String spent = held;
            assertEquals(OAuthError.INVALID_GRANT, InProcessTollgate.errorOf(() -> issue(tollgate, "app",
                    "app-secret", "grant_type", "refresh_token", "refresh_token", spent)));
        }
    }

    /** The refresh token to present next: the new one after a token answer, the same after a refusal. */
    private static String refreshOrRecord(Tollgate tollgate, String held, List<OAuthError> refusals) {
        try {
            return issue(tollgate, "app", "app-secret", "grant_type", "refresh_token", "refresh_token", held)
                    .refreshToken();
        } catch (OAuthException e) {
            refusals.add(e.error());
            return held;
        }
    }

    /** This JVM's soft limit on the size of a file it writes, in bytes ("unlimited" lifts it). */
    private static void limitFileSize(String bytes) throws IOException, InterruptedException {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()),
                "--fsize=" + bytes + ":").redirectErrorStream(true).start();
        assertTrue(prlimit.waitFor(10, TimeUnit.SECONDS), "prlimit did not finish");
        String said = new String(prlimit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, prlimit.exitValue(), said);
    }
}
