package org.tollgate.it.postgres;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * In the Failsafe executions that set {@code tollgate.it.postgres.dir}, starts one PostgreSQL cluster
 * before any test, so before Arquillian starts the server whose DataSource points at it, and stops it
 * after the last. The server learns the port from the system property {@code tollgate.it.pg.port},
 * which arquillian.xml hands on to it. Runs inside the test JVM, so inside its private network.
 */
public final class PostgresSession implements LauncherSessionListener {

    public static final String DIR = "tollgate.it.postgres.dir";
    public static final String PORT = "tollgate.it.pg.port";
    private static volatile PostgresCluster cluster;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String dir = System.getProperty(DIR);
        if (dir != null && !dir.isBlank() && cluster == null) {
            cluster = PostgresCluster.create(Path.of(dir));
            System.setProperty(PORT, Integer.toString(cluster.port()));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        PostgresCluster running = cluster;
        cluster = null;
        if (running != null) {
            running.close();
        }
    }

    /** The cluster of this test run, or null when the run uses embedded H2. */
    public static PostgresCluster cluster() {
        return cluster;
    }
}
