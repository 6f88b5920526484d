package org.tollgate.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.shrinkwrap.api.Archive;

/**
 * The rule of the adapters that keep a deployment from one test class to the next (Tomcat's, TomEE's,
 * Payara's): an archive that Arquillian deploys for a test class ({@code @Deployment}, managed) stays
 * deployed for the next class that deploys the same archive (name and entries), since a server and Tollgate
 * take seconds to start. A deployment that a test drives itself through Arquillian's Deployer (managed =
 * false: undeploy, redeploy, deploy while the database is down, a changed archive) is what that test is
 * about: it is always deployed and undeployed for real, after a kept one of the same name is undeployed.
 * Several archives may be kept at once, one per name (the resource-server test deploys a legacy webapp
 * beside Tollgate).
 *
 * @param <M> what a deployment answers, given again when a kept one is asked for
 */
public final class KeptDeployments<M> {

    /** Deploys the archive on the server. */
    @FunctionalInterface
    public interface Deploy<M> {
        M deploy(Archive<?> archive) throws DeploymentException;
    }

    /** Undeploys the archive of that file name from the server. */
    @FunctionalInterface
    public interface Undeploy {
        void undeploy(String archiveName) throws DeploymentException;
    }

    /** Every class deploys the built WAR unchanged; a test that changes it (a context.xml of its own) adds a path. */
    private record Identity(String name, Set<String> paths) {
        static Identity of(Archive<?> archive) {
            return new Identity(archive.getName(), archive.getContent().keySet().stream().map(Object::toString)
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    private record Kept<M>(Identity identity, M answer) {
    }

    /** By archive name. */
    private final Map<String, Kept<M>> kept = new LinkedHashMap<>();

    /** The kept deployment's answer when it is the same archive and managed; otherwise deploys it for real. */
    public M deploy(Archive<?> archive, boolean managed, Deploy<M> server, Undeploy undeploy)
            throws DeploymentException {
        Identity identity = Identity.of(archive);
        Kept<M> same = kept.get(archive.getName());
        if (managed && same != null && same.identity().equals(identity)) {
            return same.answer();
        }
        if (same != null) {
            kept.remove(archive.getName());
            undeploy.undeploy(archive.getName()); // the same name, so the same context
        }
        M answer = server.deploy(archive);
        if (managed) {
            kept.put(archive.getName(), new Kept<>(identity, answer));
        }
        return answer;
    }

    /** Undeploys the archive for real unless it is kept for the next class. */
    public void undeploy(Archive<?> archive, boolean managed, Undeploy server) throws DeploymentException {
        if (managed && kept.containsKey(archive.getName())) {
            return;
        }
        kept.remove(archive.getName());
        server.undeploy(archive.getName());
    }

    /** Before the server stops, so that it holds none for the next run; a failure is reported, not thrown. */
    public void undeployAll(Undeploy server) {
        List<String> names = new ArrayList<>(kept.keySet());
        kept.clear();
        for (String name : names) {
            try {
                server.undeploy(name);
            } catch (DeploymentException | RuntimeException e) {
                System.out.println("Could not undeploy " + name + " before the server stops: " + e.getMessage());
            }
        }
    }

    /** When the server is gone: it deployed nothing any more. */
    public void forget() {
        kept.clear();
    }
}
