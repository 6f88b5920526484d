package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.TestSettings;
import org.tollgate.config.Settings;
import org.tollgate.token.control.RefreshRotation;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.control.Scope;
import org.tollgate.token.control.UnitOfWork;

/**
 * The embedded H2 file holds the data, not every commit ever made: each refresh rotation writes a chunk of
 * its own (WRITE_DELAY=0). Here 8,000 rotations left a 6 MB file, and 45 MB with compaction turned off; and
 * a burst's space comes back once its commits are past the retention time, where the file kept it before.
 */
class EmbeddedCompactionIT {

    private static final int ROTATIONS = 8_000;
    private static final int COMPACT_EVERY = 500;
    private static final long MOST_BYTES = 20L << 20;
    private static final long TTL_SECONDS = 3600;
    private static final int BURST = 4_000;
    private static final int COMPACTION_RUNS = 10;
    private static final Duration RETENTION = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    @Test
    void whenRefreshTokensRotateThenTheFileStaysNearTheSizeOfItsData() throws Exception {
        try (Database database = Database.open(settings())) {
            UnitOfWork unitOfWork = new UnitOfWork(database.entityManagerFactory());
            // H2 compacts only chunks older than its retention time, 45 s; the test does not wait that long
            unitOfWork.run(em -> em.createNativeQuery("SET RETENTION_TIME 0").executeUpdate());
            RefreshTokenStore store = new RefreshTokenStore(Clock.systemUTC());
            String presented = firstToken(unitOfWork, store);
            for (int i = 1; i <= ROTATIONS; i++) {
                presented = RefreshRotation.rotate(unitOfWork, store, presented, TTL_SECONDS);
                if (i % COMPACT_EVERY == 0) {
                    database.compactEmbeddedFile();
                }
            }
            long size = fileSize();
            assertTrue(size < MOST_BYTES, "the H2 file is " + (size >> 20) + " MB after " + ROTATIONS + " rotations");
        }
    }

    /** After a burst the file gives its space back, with no commit to trigger it: what an idle server sees. */
    @Test
    void whenABurstOfCommitsHasAgedPastTheRetentionTimeThenCompactionShrinksTheFile() throws Exception {
        try (Database database = Database.open(settings())) {
            UnitOfWork unitOfWork = new UnitOfWork(database.entityManagerFactory());
            unitOfWork.run(em -> em.createNativeQuery("SET RETENTION_TIME " + RETENTION.toMillis()).executeUpdate());
            RefreshTokenStore store = new RefreshTokenStore(Clock.systemUTC());
            String presented = firstToken(unitOfWork, store);
            for (int i = 1; i <= BURST; i++) {
                presented = RefreshRotation.rotate(unitOfWork, store, presented, TTL_SECONDS);
            }
            long afterBurst = fileSize();
            Thread.sleep(RETENTION.multipliedBy(2).toMillis());
            for (int run = 0; run < COMPACTION_RUNS; run++) {
                database.compactEmbeddedFile();
            }
            long afterCompaction = fileSize();
            assertTrue(afterCompaction < afterBurst / 4, "the H2 file went from " + (afterBurst >> 10) + " KB after "
                    + BURST + " rotations to " + (afterCompaction >> 10) + " KB after compaction");
        }
    }

    private static String firstToken(UnitOfWork unitOfWork, RefreshTokenStore store) {
        return unitOfWork.run(em -> store.issue(em, store.newValue(), "family", "client", "user", null,
                Scope.parse("read"), TTL_SECONDS));
    }

    private Settings settings() {
        return TestSettings.embeddedIn(dataDir);
    }

    private long fileSize() throws IOException {
        return Files.size(dataDir.resolve("tollgate.mv.db"));
    }
}
