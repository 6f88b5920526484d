package org.tollgate;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tollgate.config.Settings;

/** Settings as a test gives them: nothing from JNDI, system properties or the environment. */
public final class TestSettings {

    private TestSettings() {
    }

    /** Embedded H2 in the directory, plus the given names and values, in pairs. */
    public static Settings embeddedIn(Path dataDir, String... more) {
        Map<String, String> values = new HashMap<>();
        values.put(Settings.DATA_DIR, dataDir.toString());
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return new Settings(List.of(name -> Optional.ofNullable(values.get(name))));
    }
}
