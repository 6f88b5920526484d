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
import org.tollgate.it.ArchiveIdentity;

/**
 * Arquillian adapter for TomEE 10 run as a separate process ({@link TomeeProcess}): started empty with
 * the container, then deploying and undeploying through TomEE's own API while it keeps running, and
 * stopped with the container. A managed deployment stays deployed after its test class, so the next class
 * with the same archive (name and content) finds it serving: a deployment costs 10 to 30 s. A deployment
 * that a test drives itself ({@code managed = false}, through Arquillian's Deployer) is really deployed
 * and undeployed, after the kept one, if any, has been undeployed. {@link TomeeDeploymentKinds} tells
 * which kind comes next.
 */
public class TomeeProcessContainer implements DeployableContainer<TomeeProcessConfiguration> {

    private TomeeProcessConfiguration config;
    private TomeeProcess running;
    /** The managed archive left deployed after its class: its {@link ArchiveIdentity}. */
    private ArchiveIdentity kept;
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
        String name = name(archive);
        ArchiveIdentity identity = ArchiveIdentity.of(archive);
        boolean managed = nextManaged;
        try {
            if (!(managed && identity.equals(kept))) {
                undeployKept();
                Path war = Files.createTempDirectory("tomee-deployment").resolve(archive.getName());
                archive.as(ZipExporter.class).exportTo(war.toFile());
                try {
                    running.deploy(name, war);
                } finally {
                    Files.delete(war);
                    Files.delete(war.getParent());
                }
                kept = managed ? identity : null;
            }
        } catch (IOException e) {
            throw new DeploymentException("TomEE did not deploy " + archive.getName() + ": " + e.getMessage(), e);
        }
        HTTPContext http = new HTTPContext(config.getBindAddress(), config.getHttpPort());
        http.add(new Servlet(name, "/" + name));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (nextManaged) {
            return; // kept for the next class: see the class comment
        }
        try {
            running.undeploy(name(archive));
        } catch (IOException e) {
            throw new DeploymentException("TomEE did not undeploy " + archive.getName() + ": " + e.getMessage(), e);
        }
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
            kept = null;
        }
    }

    private void undeployKept() throws IOException {
        if (kept != null) {
            running.undeploy(name(kept.name()));
            kept = null;
        }
    }

    /** The context: the archive's name without .war, as TomEE names a WAR in its webapps/. */
    private static String name(Archive<?> archive) {
        return name(archive.getName());
    }

    private static String name(String file) {
        return file.replaceFirst("\\.war$", "");
    }
}
