package org.tollgate.it.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tollgate.it.Settled;

/**
 * The test server's own log file, what its admin reads: Tomcat's CATALINA_BASE/logs/catalina.DATE.log, TomEE's
 * catalina.out, Payara's server.log; the newest such file in tollgate.it.server.logs where set, else in
 * CATALINA_BASE/logs.
 */
public final class ServerLog {

    /** The start of a record in Payara's ODL format: {@code [2026-11-28T05:42:15.518+0000] [}. */
    private static final Pattern ODL_HEADER = Pattern.compile("\\[\\d{4}-\\d{2}-\\d{2}T[^]]*] \\[");

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

    /**
     * The lines written since {@link #fromNow()}, one per log record: Payara's server.log (ODL format) writes a
     * record's header, {@code [time] [product] [LEVEL] [id] [logger] ... [[}, on one line and its message on the
     * next ones, up to {@code ]]}; such a record comes back as one line, so that its level and its message are
     * on the same line, as in Tomcat's one-line records (left as they are).
     */
    public List<String> lines() {
        try {
            byte[] all = Files.readAllBytes(file);
            return records(new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #lines()} once the server's (asynchronous) log handler has stopped adding to them. */
    public List<String> settledLines() throws IOException, InterruptedException {
        return Settled.value(this::lines);
    }

    private static List<String> records(List<String> lines) {
        List<String> records = new ArrayList<>();
        StringBuilder odl = null;
        for (String line : lines) {
            if (odl == null && ODL_HEADER.matcher(line).lookingAt()) {
                odl = new StringBuilder(line);
            } else if (odl != null) {
                odl.append(' ').append(line.strip());
            } else {
                records.add(line);
            }
            if (odl != null && line.endsWith("]]")) {
                records.add(odl.toString());
                odl = null;
            }
        }
        if (odl != null) {
            records.add(odl.toString());
        }
        return records;
    }

    private static Path current() {
        Path logs = Path.of(System.getProperty("tollgate.it.server.logs",
                System.getProperty("tollgate.it.catalina.base") + "/logs"));
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(ServerLog::isServerLog)
                    .max(Comparator.comparing(ServerLog::lastModified))
                    .orElseThrow(() -> new IllegalStateException("No server log in " + logs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isServerLog(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("catalina.") || name.equals("server.log");
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
