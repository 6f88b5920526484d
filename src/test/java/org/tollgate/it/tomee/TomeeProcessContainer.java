package org.tollgate.it.tomee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * Arquillian adapter for TomEE 10 run as a separate process ({@link TomeeProcess}). TomEE starts with the
 * WAR, as a server with the WAR in its deployment folder does, on the first deploy; later deploys of the same
 * archive find it serving and undeploys leave it so: restarting TomEE for every test class would cost some
 * 20 to 40 s each. The server stops, undeploying the WAR, when Arquillian stops the container after the
 * last test class. Serves one WAR at a time: a second, different archive is refused.
 */
public class TomeeProcessContainer implements DeployableContainer<TomeeProcessConfiguration> {

    private TomeeProcessConfiguration config;
    private TomeeProcess running;
    private String deployedName;

    @Override
    public Class<TomeeProcessConfiguration> getConfigurationClass() {
        return TomeeProcessConfiguration.class;
    }

    @Override
    public void setup(TomeeProcessConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String context = "/" + archive.getName().replaceFirst("\\.war$", "");
        if (running == null) {
            try {
                Path war = Files.createTempDirectory("tomee-deployment").resolve(archive.getName());
                archive.as(ZipExporter.class).exportTo(war.toFile());
                running = TomeeProcess.start(config, war, context);
                Files.delete(war);
                Files.delete(war.getParent());
                deployedName = archive.getName();
            } catch (IOException e) {
                throw new DeploymentException("TomEE did not start with " + archive.getName(), e);
            }
        } else if (!archive.getName().equals(deployedName)) {
            throw new DeploymentException("This TomEE serves " + deployedName + " only, not " + archive.getName());
        }
        HTTPContext http = new HTTPContext(config.getBindAddress(), config.getHttpPort());
        http.add(new Servlet("tollgate", context));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // TomEE keeps serving the WAR until stop(): see the class comment
    }

    @Override
    public void stop() throws LifecycleException {
        if (running == null) {
            return;
        }
        try {
            running.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("interrupted while stopping TomEE", e);
        } finally {
            running = null;
            deployedName = null;
        }
    }
}
