package org.tollgate.it;

import java.util.TreeSet;
import org.jboss.shrinkwrap.api.Archive;

/**
 * What tells two deployments apart for the adapters that keep a deployment from one test class to the
 * next: the archive's name and the paths it holds. Every class deploys the built WAR unchanged; a test
 * that changes it (a context.xml of its own) adds a path.
 */
public final class ArchiveIdentity {

    private ArchiveIdentity() {
    }

    public static String of(Archive<?> archive) {
        return archive.getName() + "\n" + new TreeSet<>(archive.getContent().keySet().stream()
                .map(Object::toString).toList());
    }
}
