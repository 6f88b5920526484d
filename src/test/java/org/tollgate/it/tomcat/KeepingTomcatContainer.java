package org.tollgate.it.tomcat;

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
import org.tollgate.it.KeptDeployments;

/**
 * Arquillian's managed Tomcat adapter, except that a deployment stays for the next test class by the rule of
 * {@link KeptDeployments}: Tomcat and Tollgate start in 8 to 10 s, which every class paid before. Before
 * Tomcat stops, the kept ones are undeployed, so that its base holds none for the next run.
 */
public final class KeepingTomcatContainer extends Tomcat10ManagedContainer {

    private final KeptDeployments<ProtocolMetaData> kept = new KeptDeployments<>();
    /**
     * The deployment Arquillian is deploying or undeploying: Arquillian injects the container and sets the
     * description in the deployment's context before each deploy and undeploy.
     */
    @Inject
    private Instance<DeploymentDescription> deployment;

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        return kept.deploy(archive, managed(), super::deploy, this::undeployNow);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        kept.undeploy(archive, managed(), this::undeployNow);
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            kept.undeployAll(this::undeployNow);
        } finally {
            super.stop();
        }
    }

    /** The adapter needs the archive's name only. */
    private void undeployNow(String archiveName) throws DeploymentException {
        super.undeploy(ShrinkWrap.create(WebArchive.class, archiveName));
    }

    /** Whether the current deployment is one Arquillian manages, to keep (unknown: deploy it for real). */
    private boolean managed() {
        DeploymentDescription current = deployment == null ? null : deployment.get();
        return current != null && current.managed();
    }
}
