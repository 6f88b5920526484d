package org.tollgate.it.tomee;

import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeUnDeploy;
import org.jboss.arquillian.container.spi.event.container.DeployerEvent;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * Tells {@link TomeeProcessContainer}, just before Arquillian deploys or undeploys through it, whether that
 * deployment is a managed one: a container's deploy and undeploy receive the archive only, not the
 * {@code @Deployment}'s settings.
 */
public class TomeeDeploymentKinds {

    public void beforeDeploy(@Observes BeforeDeploy event) {
        tell(event);
    }

    public void beforeUndeploy(@Observes BeforeUnDeploy event) {
        tell(event);
    }

    private static void tell(DeployerEvent event) {
        if (event.getDeployableContainer() instanceof TomeeProcessContainer tomee) {
            tomee.nextIsManaged(event.getDeployment().managed());
        }
    }
}
