package org.tollgate.it.payara;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.tomcat.managed.Tomcat10ManagedContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian 1.10 wants exactly one DeployableContainer on the classpath, and Tomcat's adapter is there
 * for the Tomcat executions: when the run launches a {@code payara*} container of arquillian.xml
 * ({@code -Darquillian.launch=payara}), {@link PayaraServerContainer} takes Tomcat's place.
 */
public final class PayaraServerExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (System.getProperty("arquillian.launch", "").startsWith("payara")) {
            builder.override(DeployableContainer.class, Tomcat10ManagedContainer.class, PayaraServerContainer.class);
        }
    }
}
