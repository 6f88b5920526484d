package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.admin.Importer;
import org.tollgate.users.control.PasswordHasher;

/**
 * Nodes of a new cluster starting at the same moment on one empty database each apply the import file: every
 * one of them starts, and the entries exist once.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrentImportIT {

    private static final int NODES = 4;
    private static final int ROUNDS = 3;

    @TempDir
    Path dataDir;

    @Test
    void whenNodesImportTheSameFileAtOnceThenEachSucceeds() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            try (Database database = InProcessDatabase.open(dataDir.resolve("round-" + round))) {
                Importer importer = new Importer(database.entityManagerFactory(), new PasswordHasher(1024, 1, 1),
                        Clock.systemUTC());
                assertEquals(Map.of("imported", NODES), AtOnce.outcomes(NODES, () -> {
                    importer.importFile(InProcessTollgate.IMPORT);
                    return "imported";
                }), "round " + round);
            }
        }
    }
}
