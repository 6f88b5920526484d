package org.tollgate.it.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The test Tomcat's own log file (CATALINA_BASE/logs/catalina.DATE.log): what its admin reads. */
public final class ServerLog {

    private final Path file;
    private final long mark;

    private ServerLog(Path file, long mark) {
        this.file = file;
        this.mark = mark;
    }

    /** From now on: only lines written after this call count. */
    public static ServerLog fromNow() {
        Path file = current();
        try {
            return new ServerLog(file, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written since {@link #fromNow()}. */
    public List<String> lines() {
        try {
            byte[] all = Files.readAllBytes(file);
            return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path current() {
        Path logs = Path.of(System.getProperty("tollgate.it.catalina.base"), "logs");
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().startsWith("catalina."))
                    .max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElseThrow(() -> new IllegalStateException("No catalina log in " + logs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
