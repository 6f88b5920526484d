package org.tollgate.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.tollgate.threads.PeriodicTask;

/**
 * Keeps the embedded H2 file from growing with every commit, and its commits from waiting on a large fsync.
 *
 * <p>WRITE_DELAY=0 makes each commit write a chunk of its own (30-55 KB for a refresh rotation), and it also
 * stops H2's background writer, the only part of H2 that compacts: each chunk keeps a page or two live, is
 * never reused, and the file grew by gigabytes within minutes under load. This thread does that compaction:
 * every few seconds it rewrites the live pages of mostly-empty chunks so that their space is reused. H2
 * leaves chunks younger than its retention time (45 s) alone, so the file still holds about that long's
 * commits beside the data.
 *
 * <p>Compacting also moves the chunks at the end of the file into the space freed before them, so that the file
 * shrinks back once a burst of commits has aged past the retention time.
 *
 * <p>Those commits leave their writes in the OS page cache, where Linux keeps them up to 30 s. When a commit's
 * chunk lands in freed space and the file can shrink, H2 syncs the file inside that commit, with every other
 * commit waiting: under load that fsync flushed a backlog of hundreds of MB and took about a second. So this
 * thread also syncs the file every second, outside any commit, leaving such an fsync little to flush.
 */
final class EmbeddedCompaction implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedCompaction.class.getName());
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);
    private static final int SYNCS_PER_COMPACTION = 5;
    /** Chunks with less live data than this are rewritten. */
    private static final int TARGET_FILL_PERCENT = 50;
    private static final int MAX_BYTES_PER_RUN = 16 << 20;

    private final DataSource h2;
    private final PeriodicTask schedule;
    private int syncsSinceCompaction;
    private volatile boolean failing;

    EmbeddedCompaction(DataSource h2) {
        this.h2 = h2;
        this.schedule = PeriodicTask.start("tollgate-h2-compaction", SYNC_INTERVAL, this::syncAndCompact);
    }

    /** Syncs the file every run and compacts it every few; a failure is logged once until a run succeeds again. */
    private void syncAndCompact() {
        boolean compactNow = ++syncsSinceCompaction >= SYNCS_PER_COMPACTION;
        if (compactNow) {
            syncsSinceCompaction = 0;
        }
        run(store -> {
            store.sync();
            if (compactNow) {
                compact(store);
            }
        });
    }

    /** One compaction run. */
    void compact() {
        run(EmbeddedCompaction::compact);
    }

    private static void compact(MVStore store) {
        store.compact(TARGET_FILL_PERCENT, MAX_BYTES_PER_RUN);
        // compact() frees space inside the file but never shortens it; H2 cuts the end off only once no chunk
        // is left there
        if (store.getFileStore() instanceof RandomAccessStore file) {
            file.compactMoveChunks(TARGET_FILL_PERCENT, MAX_BYTES_PER_RUN, store);
        }
    }

    private void run(Consumer<MVStore> work) {
        // through a pooled connection, so that the database stays open while its store is worked on
        try (Connection connection = h2.getConnection()) {
            work.accept(store(connection));
            failing = false;
        } catch (SQLException | RuntimeException | LinkageError e) {
            // LinkageError: a server that puts another H2 version before the WAR's, with other internals
            if (!failing) {
                LOG.log(Level.WARNING, "Could not sync or compact the embedded H2 file; will try again", e);
            }
            failing = true;
        }
    }

    private static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    @Override
    public void close() {
        schedule.close();
    }
}
