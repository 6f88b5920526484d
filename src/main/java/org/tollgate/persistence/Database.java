package org.tollgate.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.resource.jdbc.spi.PhysicalConnectionHandlingMode;
import org.tollgate.clients.entity.Client;
import org.tollgate.config.Settings;
import org.tollgate.keys.entity.SigningKey;
import org.tollgate.threads.OwnedThreads;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.token.entity.RevokedAccessToken;
import org.tollgate.users.entity.LoginFailures;
import org.tollgate.users.entity.User;

/**
 * The database: the server's DataSource when it binds one, else embedded H2 in {@code data.dir}; the
 * schema migrated by Flyway; Hibernate bootstrapped in code, since a full EE server would take over a
 * persistence.xml and start a second, container-managed unit.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final int EMBEDDED_POOL_SIZE = 32;
    private static final Duration POOL_THREADS_END = Duration.ofSeconds(10);

    private final EntityManagerFactory emf;
    /** Only set when Tollgate created the pool itself, so only then is it closed here. */
    private final HikariDataSource embeddedPool;
    /** Only set for embedded H2. */
    private final EmbeddedCompaction compaction;

    private Database(DataSource dataSource, HikariDataSource embeddedPool, DatabaseLocation location) {
        this.embeddedPool = embeddedPool;
        try {
            migrate(dataSource);
            // Hibernate must know when the pool already hands out connections with auto-commit off
            this.emf = entityManagerFactory(dataSource, embeddedPool != null && !embeddedPool.isAutoCommit());
        } catch (RuntimeException e) {
            // the check passed, but the database went away since, or the pool handed out a connection that
            // the database had closed (a pool validates at most every few seconds): try again later
            throw DatabaseFailures.isUnavailable(e) ? new DatabaseUnavailableException(location.toString(), e) : e;
        }
        this.compaction = embeddedPool == null ? null : new EmbeddedCompaction(embeddedPool);
    }

    public static Database open(Settings settings) {
        return open(DatabaseLocation.of(settings));
    }

    /**
     * Connects, migrates the schema and starts Hibernate.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached, so nothing was changed
     */
    public static Database open(DatabaseLocation location) {
        if (!location.isEmbedded()) {
            DataSource dataSource = checkReachable(location.serverDataSource(), location);
            LOG.info(() -> "Using the server's " + location);
            return new Database(dataSource, null, location);
        }
        LOG.info(() -> "Using " + location);
        HikariDataSource pool = embeddedH2(location.embeddedDir());
        try {
            return new Database(checkReachable(pool, location), pool, location);
        } catch (RuntimeException e) {
            close(pool);
            throw e;
        }
    }

    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }

    /** Compacts the embedded H2 file now, as its thread does every few seconds. */
    void compactEmbeddedFile() {
        compaction.compact();
    }

    @Override
    public void close() {
        try {
            if (compaction != null) {
                compaction.close();
            }
            emf.close();
        } finally {
            if (embeddedPool != null) {
                close(embeddedPool);
            }
        }
    }

    private static void close(HikariDataSource pool) {
        pool.close();
        ((OwnedThreads) pool.getThreadFactory()).awaitEnd(POOL_THREADS_END);
    }

    /**
     * WRITE_DELAY=0: a commit reaches the file at once, so a killed JVM loses no answered token. A query
     * cache larger than H2's 8 holds every statement of a grant, so none is parsed again.
     */
    private static HikariDataSource embeddedH2(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create data.dir " + dir + ": " + e.getMessage(), e);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("tollgate")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64");
        h2.setUser("sa");
        h2.setPassword("");
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("tollgate-h2");
        pool.setThreadFactory(new OwnedThreads("tollgate-h2-pool"));
        // H2's own DataSource, not a JDBC URL: DriverManager does not see drivers in a web application
        pool.setDataSource(h2);
        pool.setExceptionOverride(new DeadConnectionEviction());
        // every unit of work is an explicit transaction (Transactions), so Hibernate need not switch
        // auto-commit off and on around each; it also must not: it reads the auto-commit state first and
        // ignores a failure there, and on a dead connection that failure is the one that says why
        pool.setAutoCommit(false);
        pool.setMaximumPoolSize(EMBEDDED_POOL_SIZE);
        pool.setMinimumIdle(Runtime.getRuntime().availableProcessors());
        // connect on first use (checkReachable), so that a failure there is reported like a server's
        pool.setInitializationFailTimeout(-1);
        return new HikariDataSource(pool);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static EntityManagerFactory entityManagerFactory(DataSource dataSource, boolean autoCommitOff) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Client.class)
                .addAnnotatedClass(User.class)
                .addAnnotatedClass(RefreshToken.class)
                .addAnnotatedClass(RevokedAccessToken.class)
                .addAnnotatedClass(SigningKey.class)
                .addAnnotatedClass(LoginFailures.class);
        configuration.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
        configuration.setProperty(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT,
                Boolean.toString(autoCommitOff));
        configuration.setProperty(AvailableSettings.JPA_COMPLIANCE, "false");
        // hand the connection back to the pool only when the EntityManager closes, not inside commit():
        // when the database goes away right after a commit, returning its connection fails, and that
        // failure must not turn a committed token answer into an error (Transactions ignores it at close)
        configuration.setProperty(AvailableSettings.CONNECTION_HANDLING,
                PhysicalConnectionHandlingMode.DELAYED_ACQUISITION_AND_HOLD.name());
        return configuration.buildSessionFactory();
    }

    private static DataSource checkReachable(DataSource dataSource, DatabaseLocation location) {
        try (Connection connection = dataSource.getConnection()) {
            return dataSource;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(location.toString(), e);
        }
    }
}
