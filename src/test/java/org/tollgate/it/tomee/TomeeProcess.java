package org.tollgate.it.tomee;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * TomEE 10 as its own java process, as an admin runs it: tomee-embedded's Main, on the classpath the build
 * resolved into one directory, with a fresh base directory whose conf/ holds the admin's tomee.xml and
 * system.properties. Started from the test JVM, so inside its private loopback-only network.
 */
final class TomeeProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final TomeeProcessConfiguration config;
    private final Path base;
    private final Process process;
    private final Thread killOnExit;

    private TomeeProcess(TomeeProcessConfiguration config, Path base, Process process) {
        this.config = config;
        this.base = base;
        this.process = process;
        // a test JVM that dies before stop() must not leave the server behind
        this.killOnExit = new Thread(process::destroyForcibly, "tomee-process-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts TomEE with the WAR at the context path and returns once the application answers. */
    static TomeeProcess start(TomeeProcessConfiguration config, Path war, String contextPath) throws IOException {
        Path base = Path.of(config.getBase()).toAbsolutePath();
        prepareBase(config, base);
        Path deployed = Files.copy(war, base.resolve("apps").resolve(war.getFileName()));
        Path settings = writeEmbeddedSettings(config, base);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.javaVmArgumentList());
        String classpath = Path.of(config.getLib()).toAbsolutePath() + "/*";
        if (config.getServerLib() != null && !config.getServerLib().isBlank()) {
            classpath += File.pathSeparator + Path.of(config.getServerLib()).toAbsolutePath() + "/*";
        }
        command.addAll(List.of("-cp", classpath,
                "org.apache.tomee.embedded.Main",
                "--configuration-location", settings.toString(),
                "--path", deployed.toString(),
                "--context", contextPath));
        Path log = base.resolve("logs").resolve("catalina.out");
        Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        TomeeProcess tomee = new TomeeProcess(config, base, process);
        long started = System.nanoTime();
        tomee.awaitServing(contextPath);
        System.out.printf("TomEE (pid %d) serves %s after %.1f s%n", process.pid(), contextPath,
                (System.nanoTime() - started) / 1e9);
        return tomee;
    }

    /** A clean stop (SIGTERM: TomEE's shutdown hook undeploys the application), killed if it hangs. */
    void stop() throws InterruptedException {
        long stopping = System.nanoTime();
        process.destroy();
        boolean clean = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!clean) {
            process.destroyForcibly().waitFor();
        }
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        System.out.printf("TomEE (pid %d) %s after %.1f s%n", process.pid(),
                clean ? "stopped" : "did not stop on SIGTERM and was killed", (System.nanoTime() - stopping) / 1e9);
    }

    private void awaitServing(String contextPath) throws IOException {
        URI health = URI.create("http://" + config.getBindAddress() + ":" + config.getHttpPort() + contextPath
                + "/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.getStartupTimeoutInSeconds());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("TomEE exited with " + process.exitValue() + "; its log: " + tail());
            }
            // Tomcat answers 404 until the context has started; then Tollgate answers (200, or 503 if its
            // database is down)
            int status = statusOf(health);
            if (status > 0 && status != 404) {
                return;
            }
            sleep(250);
        }
        process.destroyForcibly();
        throw new IOException("TomEE did not serve " + health + " within " + config.getStartupTimeoutInSeconds()
                + " s; its log: " + tail());
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
            List<String> lines = Files.readAllLines(base.resolve("logs").resolve("catalina.out"),
                    StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A fresh base: conf/ from the configured folder (with the test-only substitutions), logs/, apps/. */
    private static void prepareBase(TomeeProcessConfiguration config, Path base) throws IOException {
        deleteRecursively(base);
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

    /** tomee-embedded's own settings (Main --configuration-location): ports, loopback, keep our conf/. */
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

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path each : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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
