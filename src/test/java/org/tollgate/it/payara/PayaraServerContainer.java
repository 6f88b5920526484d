package org.tollgate.it.payara;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.tollgate.it.ArchiveIdentity;

/**
 * A real Payara Server from its distribution, driven the way its administrator drives it: one fresh
 * loopback-only domain per test run ({@link LoopbackDomain}), {@code asadmin start-domain}, the
 * configured asadmin commands (JDBC pool, system properties, log levels), then {@code asadmin deploy}
 * and {@code undeploy} per archive, and {@code stop-domain}. The server is a child of the test JVM, so
 * it lives in the tests' private network; after it starts and after each deployment, every socket
 * listening there must be on loopback.
 * <p>
 * With keepDeployed, an archive that Arquillian deploys for a test class ({@code @Deployment}, managed) stays
 * deployed for the next class that deploys the same archive. A deployment that the test itself drives through
 * Arquillian's {@code Deployer} (managed = false) is what that test is about (undeploy, redeploy, deploy while
 * the database is down): it is always deployed and undeployed for real, after the kept one is undeployed.
 */
public final class PayaraServerContainer implements DeployableContainer<PayaraServerConfiguration> {

    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    private PayaraServerConfiguration config;
    private Path domainsDir;
    private Asadmin asadmin;
    /** The archive left deployed after its class (keepDeployed): its {@link ArchiveIdentity}. */
    private ArchiveIdentity kept;
    /**
     * The deployment Arquillian is deploying or undeploying: Arquillian injects the container (its service
     * loader does) and sets the description in the deployment's context before each deploy and undeploy.
     */
    @Inject
    private Instance<DeploymentDescription> deployment;

    @Override
    public Class<PayaraServerConfiguration> getConfigurationClass() {
        return PayaraServerConfiguration.class;
    }

    @Override
    public void setup(PayaraServerConfiguration configuration) {
        this.config = configuration;
        this.domainsDir = Path.of(configuration.getDomainDir()).toAbsolutePath();
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 5.0");
    }

    @Override
    public void start() throws LifecycleException {
        long started = System.nanoTime();
        try {
            Path payaraHome = Path.of(config.getPayaraHome()).toAbsolutePath();
            LoopbackDomain.create(payaraHome, domainsDir, config);
            asadmin = new Asadmin(payaraHome, config.getAdminPort(), domainsDir.resolve("asadmin.log"));
            asadmin.run(config.getStartupTimeoutInSeconds(), "start-domain", "--domaindir", domainsDir.toString(),
                    LoopbackDomain.NAME);
            for (String command : Arrays.stream(config.getPostStartCommands().split(";")).map(String::trim)
                    .filter(line -> !line.isEmpty()).toList()) {
                asadmin.run(COMMAND_TIMEOUT_SECONDS, command.split("\\s+"));
            }
            assertLoopbackOnly("after start-domain");
        } catch (LifecycleException e) {
            killQuietly();
            throw e;
        } catch (RuntimeException e) {
            killQuietly();
            throw new LifecycleException("Payara did not start: " + e.getMessage(), e);
        }
        System.out.printf("Payara domain %s started and configured in %.1f s%n", domainsDir, seconds(started));
    }

    @Override
    public void stop() throws LifecycleException {
        if (asadmin == null) {
            return;
        }
        try {
            if (kept != null) {
                undeployNow(name(kept.name()));
                kept = null;
            }
        } finally {
            stopDomain();
        }
    }

    /** Arquillian does not stop a container whose start failed: no server may outlive the tests. */
    private void killQuietly() {
        if (asadmin != null) {
            try {
                asadmin.run(COMMAND_TIMEOUT_SECONDS, "stop-domain", "--kill=true", "--domaindir",
                        domainsDir.toString(), LoopbackDomain.NAME);
            } catch (RuntimeException e) {
                System.out.println("Could not kill the Payara domain: " + e.getMessage());
            }
        }
    }

    private void stopDomain() throws LifecycleException {
        try {
            asadmin.run(COMMAND_TIMEOUT_SECONDS, "stop-domain", "--domaindir", domainsDir.toString(),
                    LoopbackDomain.NAME);
        } catch (RuntimeException e) {
            asadmin.run(COMMAND_TIMEOUT_SECONDS, "stop-domain", "--kill=true", "--domaindir",
                    domainsDir.toString(), LoopbackDomain.NAME);
            throw new LifecycleException("Payara did not stop cleanly, killed: " + e.getMessage(), e);
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = name(archive);
        ArchiveIdentity identity = ArchiveIdentity.of(archive);
        boolean keep = keepable();
        if (keep && identity.equals(kept)) {
            return metaData(name);
        }
        try {
            if (kept != null) {
                undeployNow(name(kept.name()));
                kept = null;
            }
            Path file = domainsDir.resolve(archive.getName());
            archive.as(ZipExporter.class).exportTo(file.toFile(), true);
            long started = System.nanoTime();
            asadmin.run(COMMAND_TIMEOUT_SECONDS, "deploy", "--name", name, "--contextroot", name, file.toString());
            System.out.printf("Payara deployed %s in %.1f s (%s)%n", archive.getName(), seconds(started),
                    keep ? "kept for the next classes" : "for this test only");
            assertLoopbackOnly("after deploying " + archive.getName());
        } catch (LifecycleException | RuntimeException e) {
            throw new DeploymentException("Payara did not deploy " + archive.getName() + ": " + e.getMessage(), e);
        }
        if (keep) {
            kept = identity;
        }
        return metaData(name);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        if (keepable()) {
            return;
        }
        try {
            undeployNow(name(archive));
        } catch (RuntimeException e) {
            throw new DeploymentException("Payara did not undeploy " + archive.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the current deployment is one Arquillian manages, to keep (unknown: deploy it for real). */
    private boolean keepable() {
        DeploymentDescription current = deployment == null ? null : deployment.get();
        return config.isKeepDeployed() && current != null && current.managed();
    }

    private void undeployNow(String name) {
        long started = System.nanoTime();
        asadmin.run(COMMAND_TIMEOUT_SECONDS, "undeploy", name);
        System.out.printf("Payara undeployed %s in %.1f s%n", name, seconds(started));
    }

    private ProtocolMetaData metaData(String name) {
        HTTPContext http = new HTTPContext("127.0.0.1", config.getHttpPort());
        http.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(http);
    }

    private static String name(Archive<?> archive) {
        return name(archive.getName());
    }

    private static String name(String file) {
        return file.endsWith(".war") ? file.substring(0, file.length() - ".war".length()) : file;
    }

    private static void assertLoopbackOnly(String when) throws LifecycleException {
        List<String> exposed = ListeningSockets.notOnLoopback();
        if (!exposed.isEmpty()) {
            throw new LifecycleException("Payara listens beyond loopback " + when + ": " + exposed);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
