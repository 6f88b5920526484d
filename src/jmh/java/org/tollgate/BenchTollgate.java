package org.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tollgate.config.Settings;

/** Tollgate as the benchmarks run it: embedded H2 in a fresh directory, the demo import, default costs. */
public final class BenchTollgate {

    public static final String CLIENT = "demo-app";
    static final String SECRET = "demo-app-secret";
    public static final String USER = "demo-user";
    public static final String PASSWORD = "demo-password";
    /** The client's credentials as an Authorization header: demo-app is registered for client_secret_basic. */
    public static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    private BenchTollgate() {
    }

    /** Settings for a fresh H2 database in a new temporary directory, deleted when the JVM exits. */
    public static Settings settings() {
        Map<String, String> values = new HashMap<>();
        try {
            Path dataDir = Files.createTempDirectory("tollgate-bench");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dataDir)));
            values.put(Settings.DATA_DIR, dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values.put(Settings.IMPORT, Path.of("src/demo/import.json").toAbsolutePath().toString());
        values.put(Settings.ISSUER, "https://tollgate.bench");
        return new Settings(List.of(name -> Optional.ofNullable(values.get(name))));
    }

    private static void deleteQuietly(Path dir) {
        try {
            TestFiles.deleteRecursively(dir);
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
