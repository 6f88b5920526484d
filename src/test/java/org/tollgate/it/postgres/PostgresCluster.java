package org.tollgate.it.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tollgate.TestFiles;

/**
 * A throwaway PostgreSQL cluster of Debian's {@code postgresql} package, made with initdb in a directory
 * of target/ and run with pg_ctl, listening on 127.0.0.1 only (no Unix socket) on a free port. PostgreSQL
 * refuses to run as root, and the tests run as root (really, or mapped in their user namespace), so
 * initdb and pg_ctl run in a nested user namespace where they are an ordinary user: the files still
 * belong to whoever runs the tests, and no system account is needed. Every wait is bounded.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final String DATABASE = "tollgate";
    public static final String USER = "tollgate";
    /** A test-only password, also in src/test/tomcat-postgresql/conf/context.xml. */
    public static final String PASSWORD = "tollgate-it";
    private static final String SUPERUSER = "postgres";
    private static final long TIMEOUT_SECONDS = 60;
    private static final List<String> AS_ORDINARY_USER =
            List.of("unshare", "--user", "--map-user=65534", "--map-group=65534", "--");

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String superuserPassword = "pg-" + Long.toHexString(System.nanoTime());
    private volatile boolean running;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** A new cluster in {@code dir} (deleted first), started, with the tollgate user and database. */
    public static PostgresCluster create(Path dir) {
        PostgresCluster cluster = new PostgresCluster(binaries(), dir.toAbsolutePath(), freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopQuietly, "stop-postgresql"));
        cluster.initdb();
        cluster.start();
        cluster.createTollgateDatabase();
        return cluster;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new, empty database owned by {@link #USER}; the name must be a plain SQL identifier. */
    public void createDatabase(String name) {
        superuser(sql -> sql.execute("CREATE DATABASE " + name + " OWNER " + USER));
    }

    public boolean isRunning() {
        return running;
    }

    public void start() {
        run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("postgresql.log").toString(),
                "-w", "-t", Long.toString(TIMEOUT_SECONDS), "start");
        running = true;
    }

    /** Fast shutdown: open connections are cut, as when a database server goes down. */
    public void stop() {
        running = false;
        run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", Long.toString(TIMEOUT_SECONDS), "stop");
    }

    /**
     * As the superuser: {@code role} may open no new connection (its CONNECTION LIMIT, which PostgreSQL
     * enforces as it does max_connections: FATAL, SQL state 53300), and the sessions it has are ended;
     * returns once none is left.
     */
    public void refuseConnections(String role) {
        superuser(sql -> {
            sql.execute("ALTER ROLE " + role + " CONNECTION LIMIT 0");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            // again until none is left: a connection being opened as the limit changed may still get in
            while (terminateSessions(sql, role) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Sessions of " + role + " still open after "
                            + TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(100);
            }
        });
    }

    /** Undoes {@link #refuseConnections}: no limit of the role's own. */
    public void acceptConnections(String role) {
        superuser(sql -> sql.execute("ALTER ROLE " + role + " CONNECTION LIMIT -1"));
    }

    /**
     * Stops the server and every process it started (SIGSTOP): connections still open, and new TCP
     * connections accepted by the kernel, but no answer to anything, as from a hung or cut-off database host.
     */
    public void freeze() {
        signalServer("STOP");
    }

    /** Undoes {@link #freeze}. */
    public void thaw() {
        signalServer("CONT");
    }

    private void signalServer(String signal) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle server = ProcessHandle.of(postmaster)
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL server process " + postmaster));
        List<String> kill = new ArrayList<>(List.of("kill", "-" + signal));
        Stream.concat(Stream.of(server), server.descendants()).forEach(p -> kill.add(Long.toString(p.pid())));
        exec("kill", kill);
    }

    /** Sessions of the role that were still there to end. */
    private static int terminateSessions(Statement sql, String role) throws SQLException {
        try (ResultSet ended = sql.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE usename = '" + role + "'")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    private interface SuperuserWork {
        void run(Statement sql) throws SQLException, InterruptedException;
    }

    private void superuser(SuperuserWork work) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, superuserPassword);
             Statement sql = connection.createStatement()) {
            work.run(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("As PostgreSQL's superuser: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // the JVM is going down; nothing left to report to
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void initdb() {
        try {
            TestFiles.deleteRecursively(dir);
            Files.createDirectories(dir);
            Path pwfile = dir.resolve("superuser-password");
            Files.writeString(pwfile, superuserPassword, StandardCharsets.UTF_8);
            run("initdb", "-D", data().toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
            Files.delete(pwfile);
            Files.writeString(data().resolve("postgresql.conf"), String.join("\n",
                    "", "# tests: TCP on loopback only, no Unix socket",
                    "listen_addresses = '127.0.0.1'", "port = " + port, "unix_socket_directories = ''",
                    "max_connections = 100", "fsync = off", ""),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createTollgateDatabase() {
        superuser(sql -> sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'"));
        createDatabase(DATABASE);
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>(AS_ORDINARY_USER);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        exec(program, command);
    }

    /** Runs the command to its end, its output in {@code <name>.out}; fails when it fails. */
    private void exec(String name, List<String> command) {
        Path output = dir.resolve(name + ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish in time; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (" + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + name, e);
        }
    }

    /** The newest PostgreSQL of Debian's packages (/usr/lib/postgresql/VERSION/bin). */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL in " + root));
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL in " + root + ": install Debian's postgresql package", e);
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
