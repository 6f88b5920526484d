package org.tollgate.stock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tollgate.TestFiles;

/**
 * A stock Tomcat distribution run with {@code catalina.sh run} on a fresh CATALINA_BASE whose server.xml
 * differs from the distribution's only in binding to loopback on free ports, with the WAR as ROOT.war.
 * Each start writes its own console log, so a test can read what one start said.
 */
final class StockTomcat implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String STOCK_SERVER = "<Server port=\"8005\" shutdown=\"SHUTDOWN\">";
    private static final String STOCK_CONNECTOR = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";

    private final Path home;
    private final Path base;
    /** Every port this Tomcat was given, so that no two of them are the same. */
    private final java.util.Set<Integer> ports = new java.util.HashSet<>();
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Process process;
    private Path consoleLog;
    private int starts;

    /** A fresh CATALINA_BASE in {@code base} (deleted first) with the WAR as ROOT.war. */
    StockTomcat(Path home, Path base, Path war) throws IOException {
        this(home, base);
        Files.copy(war, base.resolve("webapps/ROOT.war"));
    }

    /** A fresh CATALINA_BASE in {@code base} (deleted first) for the distribution in {@code home}, no webapp. */
    StockTomcat(Path home, Path base) throws IOException {
        this.home = home;
        this.base = base;
        this.httpPort = anotherFreePort();
        TestFiles.deleteRecursively(base);
        Files.createDirectories(base.resolve("conf"));
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : conf.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
            }
        }
        Path serverXml = base.resolve("conf/server.xml");
        String stock = Files.readString(serverXml, StandardCharsets.UTF_8);
        String loopback = replaceOnce(replaceOnce(stock, STOCK_SERVER,
                "<Server port=\"" + anotherFreePort() + "\" shutdown=\"SHUTDOWN\">"),
                STOCK_CONNECTOR, "<Connector address=\"127.0.0.1\" port=\"" + httpPort + "\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, loopback, StandardCharsets.UTF_8);
        for (String dir : List.of("logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        // should the test JVM itself be stopped mid-test, Tomcat goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly();
            }
        }, "stop-stock-tomcat"));
    }

    /**
     * Adds the distribution's manager webapp (which admits loopback clients only) and the given users file,
     * as an administrator does to use the Manager and its JMX proxy.
     */
    void installManager(String tomcatUsersXml) throws IOException {
        Path source = home.resolve("webapps/manager");
        Path target = base.resolve("webapps/manager");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Files.writeString(base.resolve("conf/tomcat-users.xml"), tomcatUsersXml, StandardCharsets.UTF_8);
    }

    /** Writes a file into CATALINA_BASE (a context file, say), creating its directories. */
    void write(String relativePath, String content) throws IOException {
        Path file = base.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Copies a jar into CATALINA_BASE/lib, where the server's own class loader finds it. */
    void addLib(Path jar) throws IOException {
        Files.createDirectories(base.resolve("lib"));
        Files.copy(jar, base.resolve("lib").resolve(jar.getFileName()));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /**
     * Starts Tomcat with exactly these system properties in CATALINA_OPTS, and with no inherited
     * Tollgate or Tomcat setting from the environment, so nothing else can configure Tollgate.
     */
    void start(List<String> catalinaOpts) throws IOException {
        if (process != null) {
            throw new IllegalStateException("already running");
        }
        consoleLog = base.resolve("logs/console-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
                .directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TOLLGATE_") || name.startsWith("CATALINA_")
                || name.startsWith("JAVA_") || name.equals("JRE_HOME") || name.equals("JDK_JAVA_OPTIONS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_OPTS", String.join(" ", catalinaOpts));
        process = builder.start();
    }

    /** Waits until GET {@code path} answers 200, i.e. the ROOT context started. */
    void awaitReady(String path) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertRunning();
            if (status(path) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Tomcat did not serve " + path + " within " + START_TIMEOUT + "\n" + consoleTail());
    }

    /** Waits until Tomcat reports that its startup finished, whether or not ROOT deployed. */
    void awaitStartupFinished() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertRunning();
            if (console().contains("Server startup in")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Tomcat did not finish starting within " + START_TIMEOUT + "\n" + consoleTail());
    }

    /** What this start printed so far (catalina.sh run logs to the console). */
    String console() throws IOException {
        return consoleLog == null ? "" : Files.readString(consoleLog, StandardCharsets.ISO_8859_1);
    }

    /** A graceful stop (SIGTERM runs Tomcat's shutdown hook, which undeploys ROOT), then a forced one. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        List<ProcessHandle> children = new ArrayList<>(stopping.descendants().toList());
        stopping.destroy();
        if (!stopping.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            stopping.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("Tomcat did not stop within " + STOP_TIMEOUT + "; killed it");
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** kill -9: no shutdown hook, no undeploy, whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        Process killed = process;
        process = null;
        killed.descendants().forEach(ProcessHandle::destroyForcibly);
        killed.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private int status(String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYetListening) {
            return -1;
        }
    }

    private void assertRunning() throws IOException {
        if (process == null || !process.isAlive()) {
            throw new AssertionError("Tomcat exited while starting\n" + consoleTail());
        }
    }

    private String consoleTail() throws IOException {
        String all = console();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    private static String replaceOnce(String text, String stock, String replacement) {
        int at = text.indexOf(stock);
        if (at < 0 || text.indexOf(stock, at + 1) >= 0) {
            throw new IllegalStateException("The distribution's server.xml does not hold exactly one " + stock);
        }
        return text.replace(stock, replacement);
    }

    /** A free loopback port none of this Tomcat's other ports uses (for a JMX connector, say). */
    int anotherFreePort() throws IOException {
        int port = freePort();
        while (!ports.add(port)) {
            port = freePort();
        }
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
