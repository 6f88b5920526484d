package org.tollgate.it.payara;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** The properties of a {@code payara} container in arquillian.xml (Arquillian sets them by their setters). */
public final class PayaraServerConfiguration implements ContainerConfiguration {

    private String payaraHome;
    private String domainDir;
    private int httpPort = 18080;
    private int adminPort = 4848;
    private String javaVmArguments = "";
    private String libraries = "";
    private String postStartCommands = "";
    private boolean keepDeployed;
    private int startupTimeoutInSeconds = 240;

    @Override
    public void validate() throws ConfigurationException {
        if (payaraHome == null || !Files.isRegularFile(Path.of(payaraHome, "bin", "asadmin"))) {
            throw new ConfigurationException("payaraHome must be an unpacked Payara Server: " + payaraHome);
        }
        if (domainDir == null || domainDir.isBlank()) {
            throw new ConfigurationException("domainDir is required");
        }
    }

    public String getPayaraHome() {
        return payaraHome;
    }

    public void setPayaraHome(String payaraHome) {
        this.payaraHome = payaraHome;
    }

    /** A directory of target/ that holds this run's fresh domain (deleted at start). */
    public String getDomainDir() {
        return domainDir;
    }

    public void setDomainDir(String domainDir) {
        this.domainDir = domainDir;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getAdminPort() {
        return adminPort;
    }

    public void setAdminPort(int adminPort) {
        this.adminPort = adminPort;
    }

    /** Whitespace-separated options, each added to the domain as a jvm-options element. */
    public String getJavaVmArguments() {
        return javaVmArguments;
    }

    public void setJavaVmArguments(String javaVmArguments) {
        this.javaVmArguments = javaVmArguments;
    }

    /** Whitespace-separated jar files copied into the domain's lib/ before it starts (JDBC drivers). */
    public String getLibraries() {
        return libraries;
    }

    public void setLibraries(String libraries) {
        this.libraries = libraries;
    }

    /**
     * asadmin commands, each ended by ';' (Arquillian joins a property's lines), run once the domain is up
     * and before any deployment; a command's words are split at whitespace, with no quoting.
     */
    public String getPostStartCommands() {
        return postStartCommands;
    }

    public void setPostStartCommands(String postStartCommands) {
        this.postStartCommands = postStartCommands;
    }

    /**
     * Keep an archive deployed after its test class when the next class deploys the same archive again,
     * and undeploy it when the server stops: a Payara deployment of the WAR takes tens of seconds. Only
     * Arquillian's own (managed) deployments are kept; those a test drives through Arquillian's Deployer
     * are deployed and undeployed for real.
     */
    public boolean isKeepDeployed() {
        return keepDeployed;
    }

    public void setKeepDeployed(boolean keepDeployed) {
        this.keepDeployed = keepDeployed;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }
}
