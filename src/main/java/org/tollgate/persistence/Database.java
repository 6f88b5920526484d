package org.tollgate.persistence;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.tollgate.clients.entity.Client;
import org.tollgate.config.Settings;
import org.tollgate.keys.entity.SigningKey;
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

    static final String SERVER_DATASOURCE = "java:comp/env/jdbc/tollgate";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final int EMBEDDED_POOL_SIZE = 32;

    private final EntityManagerFactory emf;
    /** Only set when Tollgate created the pool itself, so only then is it closed here. */
    private final JdbcConnectionPool embeddedPool;

    private Database(DataSource dataSource, JdbcConnectionPool embeddedPool) {
        this.embeddedPool = embeddedPool;
        migrate(dataSource);
        this.emf = entityManagerFactory(dataSource);
    }

    public static Database open(Settings settings) {
        String jndiName = settings.find(Settings.DATASOURCE).orElse(null);
        if (jndiName != null) {
            LOG.info(() -> "Using the server's DataSource " + jndiName);
            return new Database(lookup(jndiName), null);
        }
        DataSource bound = lookupOptional(SERVER_DATASOURCE);
        if (bound != null) {
            LOG.info(() -> "Using the server's DataSource " + SERVER_DATASOURCE);
            return new Database(bound, null);
        }
        Path dir = Path.of(settings.get(Settings.DATA_DIR)).toAbsolutePath();
        LOG.info(() -> "Using embedded H2 in " + dir);
        JdbcConnectionPool pool = embeddedH2(dir);
        try {
            return new Database(pool, pool);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    public EntityManagerFactory entityManagerFactory() {
        return emf;
    }

    @Override
    public void close() {
        try {
            emf.close();
        } finally {
            if (embeddedPool != null) {
                embeddedPool.dispose();
            }
        }
    }

    /** WRITE_DELAY=0: a commit reaches the file at once, so a killed JVM loses no answered token. */
    private static JdbcConnectionPool embeddedH2(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create data.dir " + dir + ": " + e.getMessage(), e);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("tollgate")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
        pool.setMaxConnections(EMBEDDED_POOL_SIZE);
        return pool;
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static EntityManagerFactory entityManagerFactory(DataSource dataSource) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Client.class)
                .addAnnotatedClass(User.class)
                .addAnnotatedClass(RefreshToken.class)
                .addAnnotatedClass(RevokedAccessToken.class)
                .addAnnotatedClass(SigningKey.class)
                .addAnnotatedClass(LoginFailures.class);
        configuration.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
        configuration.setProperty(AvailableSettings.JPA_COMPLIANCE, "false");
        return configuration.buildSessionFactory();
    }

    private static DataSource lookup(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("Setting 'datasource' names " + jndiName
                    + ", which is not a DataSource bound in JNDI: " + e.getMessage(), e);
        }
    }

    private static DataSource lookupOptional(String jndiName) {
        try {
            Object bound = new InitialContext().lookup(jndiName);
            return bound instanceof DataSource ds ? ds : null;
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }
}
