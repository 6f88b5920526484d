package org.tollgate.it.tomcat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.tollgate.it.ArchiveIdentity;

/**
 * Arquillian's managed Tomcat adapter, except that an archive it deploys for a test class
 * ({@code @Deployment}, managed) stays deployed for the next class that deploys the same archive (name and
 * content): Tomcat and Tollgate start in 8 to 10 s, which every class paid before. The Payara and TomEE
 * adapters do the same. A deployment that the test drives itself through Arquillian's Deployer (managed =
 * false: undeploy, redeploy, deploy while the database is down, a changed archive) is what that test is
 * about: it is always deployed and undeployed for real, after a kept one of the same name is undeployed.
 * Several archives may be kept at once (the resource-server test deploys a legacy webapp beside Tollgate);
 * the container undeploys them all before Tomcat stops, so its base holds none for the next run.
 */
public final class KeepingTomcatContainer extends Tomcat10ManagedContainer {

    private record Kept(ArchiveIdentity identity, ProtocolMetaData metaData) {
    }

    /** By archive name. */
    private final Map<String, Kept> kept = new LinkedHashMap<>();
    /**
     * The deployment Arquillian is deploying or undeploying: Arquillian injects the container and sets the
     * description in the deployment's context before each deploy and undeploy.
     */
    @Inject
    private Instance<DeploymentDescription> deployment;

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        ArchiveIdentity identity = ArchiveIdentity.of(archive);
        Kept same = kept.get(archive.getName());
        boolean keep = managed();
        if (keep && same != null && same.identity().equals(identity)) {
            return same.metaData();
        }
        if (same != null) {
            kept.remove(archive.getName());
            super.undeploy(archive); // the same name, so the same context
        }
        ProtocolMetaData metaData = super.deploy(archive);
        if (keep) {
            kept.put(archive.getName(), new Kept(identity, metaData));
        }
        return metaData;
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (managed() && kept.containsKey(archive.getName())) {
            return;
        }
        kept.remove(archive.getName());
        super.undeploy(archive);
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            for (String name : kept.keySet()) {
                try {
                    super.undeploy(ShrinkWrap.create(WebArchive.class, name)); // the adapter needs the name only
                } catch (DeploymentException e) {
                    System.out.println("Could not undeploy " + name + " before stopping Tomcat: " + e.getMessage());
                }
            }
            kept.clear();
        } finally {
            super.stop();
        }
    }

    /** Whether the current deployment is one Arquillian manages, to keep (unknown: deploy it for real). */
    private boolean managed() {
        DeploymentDescription current = deployment == null ? null : deployment.get();
        return current != null && current.managed();
    }
}
