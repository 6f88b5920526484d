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
import org.tollgate.it.KeptDeployments;

/**
 * Arquillian adapter for TomEE 10 run as a separate process ({@link TomeeProcess}): started empty with
 * the container, then deploying and undeploying through TomEE's own API while it keeps running, and
 * stopped with the container. A deployment stays for the next test class by the rule of
 * {@link KeptDeployments} (a deployment costs 10 to 30 s); {@link TomeeDeploymentKinds} tells whether the
 * next one is managed.
 */
public class TomeeProcessContainer implements DeployableContainer<TomeeProcessConfiguration> {

    private TomeeProcessConfiguration config;
    private TomeeProcess running;
    private final KeptDeployments<ProtocolMetaData> kept = new KeptDeployments<>();
    private boolean nextManaged = true;

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
    public void start() throws LifecycleException {
        try {
            running = TomeeProcess.start(config);
        } catch (IOException e) {
            throw new LifecycleException("TomEE did not start", e);
        }
    }

    /** Whether the deployment Arquillian deploys or undeploys next is a managed one. */
    void nextIsManaged(boolean managed) {
        this.nextManaged = managed;
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        return kept.deploy(archive, nextManaged, this::deployNow, this::undeployNow);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        kept.undeploy(archive, nextManaged, this::undeployNow);
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
            kept.forget();
        }
    }

    private ProtocolMetaData deployNow(Archive<?> archive) throws DeploymentException {
        String name = name(archive.getName());
        try {
            Path war = Files.createTempDirectory("tomee-deployment").resolve(archive.getName());
            archive.as(ZipExporter.class).exportTo(war.toFile());
            try {
                running.deploy(name, war);
            } finally {
                Files.delete(war);
                Files.delete(war.getParent());
            }
        } catch (IOException e) {
            throw new DeploymentException("TomEE did not deploy " + archive.getName() + ": " + e.getMessage(), e);
        }
        HTTPContext http = new HTTPContext(config.getBindAddress(), config.getHttpPort());
        http.add(new Servlet(name, "/" + name));
        return new ProtocolMetaData().addContext(http);
    }

    private void undeployNow(String archiveName) throws DeploymentException {
        try {
            running.undeploy(name(archiveName));
        } catch (IOException e) {
            throw new DeploymentException("TomEE did not undeploy " + archiveName + ": " + e.getMessage(), e);
        }
    }

    /** The context: the archive's name without .war, as TomEE names a WAR in its webapps/. */
    private static String name(String file) {
        return file.replaceFirst("\\.war$", "");
    }
}
