package org.tollgate.it.tomee;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.tollgate.TestFiles;

/**
 * TomEE 10 as its own java process, as an admin runs it: tomee-embedded on the classpath the build resolved
 * into one directory, started with the settings its Main reads and a fresh base directory whose conf/
 * holds the admin's tomee.xml and system.properties. Its main class is our {@link TomeeLauncher}, so the
 * server starts empty and deploys and undeploys on command while it keeps running. Started from the test
 * JVM, so inside its private loopback-only network.
 */
final class TomeeProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UNDEPLOY_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How long the application may take to answer as expected once TomEE's deploy or undeploy has returned:
     * not long, since both are synchronous (a context that failed to start answers 404 for good).
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

    private final TomeeProcessConfiguration config;
    private final Path base;
    private final Path log;
    private final Process process;
    private final Writer commands;
    private final Thread killOnExit;
    private int deployments;

    private TomeeProcess(TomeeProcessConfiguration config, Path base, Process process) {
        this.config = config;
        this.base = base;
        this.log = base.resolve("logs").resolve("catalina.out");
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        // a test JVM that dies before stop() must not leave the server behind
        this.killOnExit = new Thread(process::destroyForcibly, "tomee-process-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts TomEE with no application and returns once it is up. */
    static TomeeProcess start(TomeeProcessConfiguration config) throws IOException {
        Path base = Path.of(config.getBase()).toAbsolutePath();
        prepareBase(config, base);
        Path settings = writeEmbeddedSettings(config, base);
        Path launcher = copyLauncher(base);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.javaVmArgumentList());
        String classpath = Path.of(config.getLib()).toAbsolutePath() + "/*";
        if (config.getServerLib() != null && !config.getServerLib().isBlank()) {
            classpath += File.pathSeparator + Path.of(config.getServerLib()).toAbsolutePath() + "/*";
        }
        classpath += File.pathSeparator + launcher;
        command.addAll(List.of("-cp", classpath, TomeeLauncher.class.getName(), settings.toString()));
        Path log = base.resolve("logs").resolve("catalina.out");
        // stdout and stderr (JUL's console) into the one log; stdin stays a pipe: the commands
        Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        TomeeProcess tomee = new TomeeProcess(config, base, process);
        long started = System.nanoTime();
        try {
            tomee.await(0, TomeeLauncher.READY, config.getStartupTimeoutInSeconds());
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        System.out.printf("TomEE (pid %d) started after %.1f s%n", process.pid(), seconds(started));
        return tomee;
    }

    /** Deploys the WAR at /name and returns once the application answers. */
    void deploy(String name, Path war) throws IOException {
        // a folder of its own per deployment: TomEE unpacks the WAR beside it
        Path folder = Files.createDirectories(base.resolve("apps").resolve(Integer.toString(++deployments)));
        Path deployed = Files.copy(war, folder.resolve(war.getFileName()));
        long started = System.nanoTime();
        // Tomcat answers 404 until the context has started; then Tollgate answers (200, or 503 if its
        // database is down)
        command("deploy " + name + " " + deployed, name, status -> status > 0 && status != 404,
                config.getStartupTimeoutInSeconds());
        System.out.printf("TomEE (pid %d) serves /%s after %.1f s%n", process.pid(), name, seconds(started));
    }

    /** Undeploys /name and returns once TomEE has stopped the application and answers 404 there. */
    void undeploy(String name) throws IOException {
        long started = System.nanoTime();
        command("undeploy " + name, name, status -> status == 404, UNDEPLOY_TIMEOUT.toSeconds());
        System.out.printf("TomEE (pid %d) undeployed /%s in %.1f s%n", process.pid(), name, seconds(started));
    }

    /** Stops TomEE, undeploying what it serves; killed if it hangs. */
    void stop() throws InterruptedException {
        long stopping = System.nanoTime();
        try {
            commands.write("stop\n");
            commands.close();
        } catch (IOException gone) {
            // it has exited already; waitFor tells
        }
        boolean clean = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!clean) {
            process.destroyForcibly().waitFor();
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        System.out.printf("TomEE (pid %d) %s after %.1f s%n", process.pid(),
                clean ? "stopped" : "did not stop and was killed", seconds(stopping));
    }

    private void command(String command, String name, IntPredicate expected, long timeoutSeconds)
            throws IOException {
        long mark = Files.size(log);
        commands.write(command + "\n");
        commands.flush();
        URI health = URI.create("http://" + config.getBindAddress() + ":" + config.getHttpPort() + "/" + name
                + "/health");
        await(mark, TomeeLauncher.DONE + command, timeoutSeconds);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int status;
        while (!expected.test(status = statusOf(health))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("TomEE did '" + command + "', but " + health + " answers " + status
                        + "; its log: " + tail());
            }
            sleep(250);
        }
    }

    /**
     * Waits until the log, from mark on, has the line; fails at once on the launcher's failure line or the
     * process's end, else after the timeout, with the log's tail.
     */
    private void await(long mark, String line, long timeoutSeconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String failed = line.startsWith(TomeeLauncher.DONE)
                ? TomeeLauncher.FAILED + line.substring(TomeeLauncher.DONE.length()) : null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("TomEE exited with " + process.exitValue() + "; its log: " + tail());
            }
            List<String> since = linesSince(mark);
            // contains: another thread of TomEE may have written part of a line just before
            if (failed != null && since.stream().anyMatch(l -> l.contains(failed))) {
                throw new IOException(failed + "; its log: " + tail());
            }
            if (since.stream().anyMatch(l -> l.contains(line))) {
                return;
            }
            sleep(250);
        }
        throw new IOException("TomEE did not log '" + line + "' within " + timeoutSeconds + " s; its log: "
                + tail());
    }

    private List<String> linesSince(long mark) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(mark, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
    }

    private static int statusOf(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A fresh base: conf/ from the configured folder (with the test-only substitutions), logs/, apps/. */
    private static void prepareBase(TomeeProcessConfiguration config, Path base) throws IOException {
        TestFiles.deleteRecursively(base);
        Files.createDirectories(base.resolve("conf"));
        Files.createDirectories(base.resolve("logs"));
        Files.createDirectories(base.resolve("apps"));
        if (config.getConf() == null || config.getConf().isBlank()) {
            return;
        }
        Map<String, String> substitutions;
        try {
            substitutions = config.substitutions();
        } catch (Exception e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(Path.of(config.getConf()))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (Map.Entry<String, String> pair : substitutions.entrySet()) {
                    text = text.replace(pair.getKey(), pair.getValue());
                }
                Files.writeString(base.resolve("conf").resolve(file.getFileName()), text,
                        StandardCharsets.ISO_8859_1);
            }
        }
    }

    /**
     * tomee-embedded's own settings, the file its Main reads with --configuration-location and the launcher
     * passes to the same Configuration.loadFrom: ports, loopback, keep our conf/.
     */
    private static Path writeEmbeddedSettings(TomeeProcessConfiguration config, Path base) throws IOException {
        Path settings = base.resolve("tomee-embedded.properties");
        Files.writeString(settings, String.join("\n",
                "http=" + config.getHttpPort(),
                "stop=" + config.getStopPort(),
                "dir=" + base,
                // the HTTP connector listens on the loopback interface only
                "connector.attributes.address=" + config.getBindAddress(),
                // else it would wipe base/ and so the conf/ prepared above
                "deleteBaseOnStartup=false",
                ""), StandardCharsets.ISO_8859_1);
        return settings;
    }

    /**
     * The launcher's class file alone, in a folder for TomEE's classpath: the tests' class folder also holds
     * their META-INF/services and arquillian.xml, which TomEE would pick up.
     */
    private static Path copyLauncher(Path base) throws IOException {
        String file = TomeeLauncher.class.getSimpleName() + ".class";
        Path folder = base.resolve("launcher");
        Path target = folder.resolve(TomeeLauncher.class.getPackageName().replace('.', '/')).resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream launcher = TomeeLauncher.class.getResourceAsStream(file)) {
            Files.copy(launcher, target);
        }
        return folder;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for TomEE", e);
        }
    }
}
