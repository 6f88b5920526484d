package org.tollgate.persistence;

import java.nio.file.Path;
import java.util.Objects;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.tollgate.config.Settings;

/**
 * Which database Tollgate uses: the DataSource the {@code datasource} setting names, else the server's
 * {@code java:comp/env/jdbc/tollgate} when bound, else embedded H2 in {@code data.dir}. Decided once, at
 * deploy time: some servers answer {@code java:comp} lookups only on their own threads, and a later
 * retry must not quietly fall back to H2.
 */
public final class DatabaseLocation {

    static final String SERVER_DATASOURCE = "java:comp/env/jdbc/tollgate";

    private final String jndiName;
    private final Path embeddedDir;
    private volatile DataSource bound;

    private DatabaseLocation(String jndiName, DataSource bound, Path embeddedDir) {
        this.jndiName = jndiName;
        this.bound = bound;
        this.embeddedDir = embeddedDir;
    }

    public static DatabaseLocation of(Settings settings) {
        String named = settings.find(Settings.DATASOURCE).orElse(null);
        if (named != null) {
            return new DatabaseLocation(named, lookupOrNull(named), null);
        }
        DataSource serverDefault = lookupOrNull(SERVER_DATASOURCE);
        if (serverDefault != null) {
            return new DatabaseLocation(SERVER_DATASOURCE, serverDefault, null);
        }
        return new DatabaseLocation(null, null, Path.of(settings.get(Settings.DATA_DIR)).toAbsolutePath());
    }

    /** A DataSource the caller already holds (an application that embeds Tollgate, or a test), named for the log. */
    public static DatabaseLocation of(String name, DataSource dataSource) {
        return new DatabaseLocation(name, Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /** What an administrator recognises in a log line: the JNDI name, or the H2 directory. */
    @Override
    public String toString() {
        return isEmbedded() ? "embedded H2 in " + embeddedDir : "DataSource " + jndiName;
    }

    boolean isEmbedded() {
        return embeddedDir != null;
    }

    Path embeddedDir() {
        return embeddedDir;
    }

    /** The server's DataSource, looked up again for as long as it is not bound. */
    DataSource serverDataSource() {
        DataSource dataSource = bound;
        if (dataSource == null) {
            try {
                dataSource = (DataSource) new InitialContext().lookup(jndiName);
            } catch (NamingException | ClassCastException e) {
                throw new DatabaseUnavailableException(toString(), e);
            }
            bound = dataSource;
        }
        return dataSource;
    }

    private static DataSource lookupOrNull(String jndiName) {
        try {
            return new InitialContext().lookup(jndiName) instanceof DataSource ds ? ds : null;
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }
}
