package org.tollgate.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.tollgate.threads.PeriodicTask;

/**
 * Keeps the embedded H2 file from growing with every commit. WRITE_DELAY=0 makes each commit write a chunk
 * of its own (30-55 KB for a refresh rotation), and it also stops H2's background writer, the only part
 * of H2 that compacts: each chunk keeps a page or two live, is never reused, and the file grew by gigabytes
 * within minutes under load. This thread does that compaction: every few seconds it rewrites the live pages
 * of mostly-empty chunks so that their space is reused. H2 leaves chunks younger than its retention time
 * (45 s) alone, so the file still holds about that long's commits beside the data.
 */
final class EmbeddedCompaction implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedCompaction.class.getName());
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Chunks with less live data than this are rewritten. */
    private static final int TARGET_FILL_PERCENT = 50;
    private static final int MAX_BYTES_PER_RUN = 16 << 20;

    private final DataSource h2;
    private final PeriodicTask schedule;
    private volatile boolean failing;

    EmbeddedCompaction(DataSource h2) {
        this.h2 = h2;
        this.schedule = PeriodicTask.start("tollgate-h2-compaction", INTERVAL, this::compact);
    }

    /** One compaction run; a failure is logged once until a run succeeds again. */
    void compact() {
        // through a pooled connection, so that the database stays open while its store is compacted
        try (Connection connection = h2.getConnection()) {
            store(connection).compact(TARGET_FILL_PERCENT, MAX_BYTES_PER_RUN);
            failing = false;
        } catch (SQLException | RuntimeException | LinkageError e) {
            // LinkageError: a server that puts another H2 version before the WAR's, with other internals
            if (!failing) {
                LOG.log(Level.WARNING, "Could not compact the embedded H2 file; will try again", e);
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
