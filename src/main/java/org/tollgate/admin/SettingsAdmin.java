package org.tollgate.admin;

import java.util.List;
import org.tollgate.config.Settings;

/**
 * The settings MBean: each setting's value and where it came from (JNDI, system property, environment,
 * default), as read when the application started, which is what is in force (and the only moment the
 * application's JNDI environment can be read: a JMX call runs outside it). A secret shows only that it is set.
 */
public final class SettingsAdmin implements SettingsAdminMBean {

    static final String MASK = "********";

    private final List<String> lines;

    SettingsAdmin(Settings settings) {
        this.lines = Settings.NAMES.stream().map(name -> line(settings, name)).toList();
    }

    @Override
    public String[] list() {
        return lines.toArray(String[]::new);
    }

    private static String line(Settings settings, String name) {
        return settings.effective(name)
                .map(e -> name + " = " + (Settings.isSecret(name) ? MASK : e.value()) + " (" + e.source() + ")")
                .orElse(name + " is not set");
    }
}
