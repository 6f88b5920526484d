package org.tollgate.it.tomcat;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Puts {@link KeepingTomcatContainer} in the place of the Tomcat adapter when the run launches the
 * "tomcat" container of arquillian.xml (the default: no {@code arquillian.launch}).
 */
public final class KeepingTomcatExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        String launch = System.getProperty("arquillian.launch", "");
        if (launch.isEmpty() || launch.equals("tomcat")) {
            builder.override(DeployableContainer.class, Tomcat10ManagedContainer.class, KeepingTomcatContainer.class);
        }
    }
}
