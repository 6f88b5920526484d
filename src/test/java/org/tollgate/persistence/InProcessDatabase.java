package org.tollgate.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;
import org.tollgate.TestSettings;
import org.tollgate.config.Settings;
import org.tollgate.it.postgres.PostgresCluster;
import org.tollgate.it.postgres.PostgresSession;

/**
 * Where an in-process Tollgate keeps its rows: embedded H2 in the test's data directory; or, in a run that
 * has a PostgreSQL cluster (the {@code in-process-postgresql} execution), a database of its own in that
 * cluster, one per data directory, so that a test which restarts Tollgate on one directory finds its rows.
 * PostgreSQL locks and fails differently from H2 (a failed statement aborts its transaction, FOR SHARE
 * locks may deadlock), which is what the concurrency tests need to meet.
 */
final class InProcessDatabase {

    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger CREATED = new AtomicInteger();

    private InProcessDatabase() {
    }

    static DatabaseLocation location(Path dataDir, Settings settings) {
        PostgresCluster postgres = PostgresSession.cluster();
        if (postgres == null) {
            return DatabaseLocation.of(settings);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url(postgres, dataDir));
        dataSource.setUser(PostgresCluster.USER);
        dataSource.setPassword(PostgresCluster.PASSWORD);
        return DatabaseLocation.of(dataSource.getUrl(), dataSource);
    }

    /** The database of the directory, opened and migrated, without the rest of Tollgate. */
    static Database open(Path dataDir) {
        Settings settings = TestSettings.embeddedIn(dataDir);
        return Database.open(location(dataDir, settings));
    }

    /** A plain JDBC connection to the same database, for a test to look at the rows. */
    static Connection connect(Path dataDir) throws SQLException {
        PostgresCluster postgres = PostgresSession.cluster();
        if (postgres == null) {
            return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("tollgate"), "sa", "");
        }
        return DriverManager.getConnection(url(postgres, dataDir), PostgresCluster.USER, PostgresCluster.PASSWORD);
    }

    private static String url(PostgresCluster postgres, Path dataDir) {
        return postgres.jdbcUrl(DATABASES.computeIfAbsent(dataDir.toAbsolutePath(), dir -> {
            String name = "in_process_" + CREATED.incrementAndGet();
            postgres.createDatabase(name);
            return name;
        }));
    }
}
