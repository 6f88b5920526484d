package org.tollgate.it;

import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.Archive;

/**
 * What tells two deployments apart for the adapters that keep a deployment from one test class to the
 * next: the archive's name and the paths it holds. Every class deploys the built WAR unchanged; a test
 * that changes it (a context.xml of its own) adds a path.
 *
 * @param name the archive's file name, such as {@code tollgate.war}
 */
public record ArchiveIdentity(String name, Set<String> paths) {

    public static ArchiveIdentity of(Archive<?> archive) {
        return new ArchiveIdentity(archive.getName(),
                archive.getContent().keySet().stream().map(Object::toString).collect(Collectors.toUnmodifiableSet()));
    }
}
