package org.tollgate.it.tomee;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Puts the TomEE adapter in the place of Tomcat's when the run launches one of arquillian.xml's "tomee"
 * containers ({@code -Darquillian.launch=tomee...}): Arquillian accepts one adapter only, and the Tomcat
 * adapter stays on the classpath for the Tomcat executions. Plus the observer that tells it which
 * deployments are managed.
 */
public class TomeeProcessExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (System.getProperty("arquillian.launch", "").startsWith("tomee")) {
            builder.override(DeployableContainer.class, Tomcat10ManagedContainer.class, TomeeProcessContainer.class);
            builder.observer(TomeeDeploymentKinds.class);
        }
    }
}
