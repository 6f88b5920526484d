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
import org.tollgate.it.KeptDeployments;

/**
 * A real Payara Server from its distribution, driven the way its administrator drives it: one fresh
 * loopback-only domain per test run ({@link LoopbackDomain}), {@code asadmin start-domain}, the
 * configured asadmin commands (JDBC pool, system properties, log levels), then {@code asadmin deploy}
 * and {@code undeploy} per archive, and {@code stop-domain}. The server is a child of the test JVM, so
 * it lives in the tests' private network; after it starts and after each deployment, every socket
 * listening there must be on loopback.
 * <p>
 * With keepDeployed, a deployment stays for the next test class by the rule of {@link KeptDeployments}.
 */
public final class PayaraServerContainer implements DeployableContainer<PayaraServerConfiguration> {

    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    private PayaraServerConfiguration config;
    private Path domainsDir;
    private Asadmin asadmin;
    private final KeptDeployments<ProtocolMetaData> kept = new KeptDeployments<>();
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
            kept.undeployAll(this::undeployNow);
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
        return kept.deploy(archive, keepable(), this::deployNow, this::undeployNow);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        kept.undeploy(archive, keepable(), this::undeployNow);
    }

    /** Whether the current deployment is one Arquillian manages, to keep (unknown: deploy it for real). */
    private boolean keepable() {
        DeploymentDescription current = deployment == null ? null : deployment.get();
        return config.isKeepDeployed() && current != null && current.managed();
    }

    private ProtocolMetaData deployNow(Archive<?> archive) throws DeploymentException {
        String name = name(archive.getName());
        try {
            Path file = domainsDir.resolve(archive.getName());
            archive.as(ZipExporter.class).exportTo(file.toFile(), true);
            long started = System.nanoTime();
            asadmin.run(COMMAND_TIMEOUT_SECONDS, "deploy", "--name", name, "--contextroot", name, file.toString());
            System.out.printf("Payara deployed %s in %.1f s%n", archive.getName(), seconds(started));
            assertLoopbackOnly("after deploying " + archive.getName());
        } catch (LifecycleException | RuntimeException e) {
            throw new DeploymentException("Payara did not deploy " + archive.getName() + ": " + e.getMessage(), e);
        }
        return metaData(name);
    }

    private void undeployNow(String archiveName) throws DeploymentException {
        long started = System.nanoTime();
        try {
            asadmin.run(COMMAND_TIMEOUT_SECONDS, "undeploy", name(archiveName));
        } catch (RuntimeException e) {
            throw new DeploymentException("Payara did not undeploy " + archiveName + ": " + e.getMessage(), e);
        }
        System.out.printf("Payara undeployed %s in %.1f s%n", archiveName, seconds(started));
    }

    private ProtocolMetaData metaData(String name) {
        HTTPContext http = new HTTPContext("127.0.0.1", config.getHttpPort());
        http.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(http);
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
