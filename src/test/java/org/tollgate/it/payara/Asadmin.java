package org.tollgate.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara's own command line, {@code bin/asadmin}, as an administrator runs it; every run is bounded in
 * time and its output is appended to a log file beside the domain.
 */
final class Asadmin {

    private final Path executable;
    private final int adminPort;
    private final Path log;

    Asadmin(Path payaraHome, int adminPort, Path log) {
        this.executable = payaraHome.resolve("bin").resolve("asadmin");
        this.adminPort = adminPort;
        this.log = log;
    }

    /** Runs one command; its output, or an exception carrying it when asadmin fails. */
    String run(long timeoutSeconds, String... command) {
        // sh: unpacked from a zip, the script may have lost its executable bit
        List<String> line = new ArrayList<>(List.of("/bin/sh", executable.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(adminPort), "--interactive=false"));
        line.addAll(List.of(command));
        try {
            Path output = Files.createTempFile(log.getParent(), "asadmin", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().put("TERM", "dumb");
                // Failsafe points JAVA_HOME at the private-network launcher, whose java would put the
                // server in a network namespace of its own, out of the tests' reach
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                builder.environment().put("AS_JAVA", System.getProperty("java.home"));
                Process process = builder.start();
                boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                if (!finished) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String said = Files.readString(output, StandardCharsets.UTF_8);
                Files.writeString(log, "$ asadmin " + String.join(" ", command) + "\n" + said,
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (!finished) {
                    throw new IllegalStateException("asadmin " + command[0] + " took over " + timeoutSeconds
                            + " s: " + said);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed: " + said);
                }
                return said;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running asadmin " + command[0], e);
        }
    }
}
