package org.tollgate.it.tomee;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the TomEE adapter beside Tomcat's; arquillian.xml names each with adapterImplClass. */
public class TomeeProcessExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, TomeeProcessContainer.class);
    }
}
