package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.TollgateStarter;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

/** How Tollgate starts outside a server: with its database missing, and with a bad import file. */
class TollgateStarterIT {

    @TempDir
    Path dataDir;

    private static Settings settings(Map<String, String> values) {
        return new Settings(List.of(name -> Optional.ofNullable(values.get(name))));
    }

    @Test
    void whenTheDataSourceIsNotBoundThenTemporarilyUnavailableAndTheRetriesStopWithIt() throws Exception {
        TollgateStarter starter = TollgateStarter.start(settings(Map.of(Settings.DATASOURCE, "java:comp/env/jdbc/missing",
                Settings.DATA_DIR, dataDir.toString())), "test", tollgate -> () -> { });
        try {
            OAuthException refused = assertThrows(OAuthException.class, starter::get);
            assertEquals(OAuthError.TEMPORARILY_UNAVAILABLE, refused.error());
            assertTrue(retryThreadRuns(), "one thread keeps trying");
        } finally {
            starter.close();
        }
        assertFalse(retryThreadRuns(), "the retry thread stops with the application");
        try (var files = Files.list(dataDir)) {
            assertEquals(0, files.count(), "no fallback to embedded H2");
        }
    }

    @Test
    void whenTheImportFileIsMalformedThenTheStartFailsAtOnceAndTouchesNoDatabase() throws Exception {
        Path bad = Files.writeString(dataDir.resolve("import.json"), "{\"clients\": [");
        Path h2 = dataDir.resolve("h2");
        assertThrows(RuntimeException.class, () -> TollgateStarter.start(settings(Map.of(Settings.IMPORT, bad.toString(),
                Settings.DATA_DIR, h2.toString())), "test", tollgate -> () -> { }));
        assertFalse(Files.exists(h2), "the database was not opened");
        assertFalse(retryThreadRuns());
    }

    private static boolean retryThreadRuns() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("tollgate-start"));
    }
}
