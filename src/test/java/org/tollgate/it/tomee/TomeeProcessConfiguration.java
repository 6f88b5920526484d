package org.tollgate.it.tomee;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** The properties of the "tomee" containers in arquillian.xml. */
public class TomeeProcessConfiguration implements ContainerConfiguration {

    private String lib;
    private String base;
    private String conf;
    private String serverLib;
    private String confSubstitutions = "";
    private String bindAddress = "127.0.0.1";
    private int httpPort = 18080;
    private int stopPort = 18005;
    private String javaVmArguments = "";
    private int startupTimeoutInSeconds = 180;

    @Override
    public void validate() throws ConfigurationException {
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new ConfigurationException("lib must be the directory of tomee-embedded and its dependencies"
                    + " (the build resolves it into target/tomee-embedded/lib), not " + lib);
        }
        if (base == null || base.isBlank()) {
            throw new ConfigurationException("base (TomEE's working directory) is required");
        }
        if (conf != null && !conf.isBlank() && !Files.isDirectory(Path.of(conf))) {
            throw new ConfigurationException("conf must be a directory, not " + conf);
        }
        substitutions();
    }

    /**
     * "old => new" pairs separated by ";" (Arquillian joins a property's lines), applied to the files copied
     * from conf: the test-only values in place of an admin's.
     */
    Map<String, String> substitutions() throws ConfigurationException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : Arrays.stream(confSubstitutions.split(";")).map(String::strip).filter(l -> !l.isEmpty())
                .toList()) {
            int arrow = line.indexOf("=>");
            if (arrow < 1) {
                throw new ConfigurationException("confSubstitutions: expected 'old => new', got " + line);
            }
            pairs.put(line.substring(0, arrow).strip(), line.substring(arrow + 2).strip());
        }
        return pairs;
    }

    List<String> javaVmArgumentList() {
        return Arrays.stream(javaVmArguments.strip().split("\\s+")).filter(a -> !a.isEmpty()).toList();
    }

    public String getLib() {
        return lib;
    }

    public void setLib(String lib) {
        this.lib = lib;
    }

    public String getBase() {
        return base;
    }

    public void setBase(String base) {
        this.base = base;
    }

    public String getConf() {
        return conf;
    }

    public void setConf(String conf) {
        this.conf = conf;
    }

    /** Optional: a folder of jars added to the server's classpath, as TomEE's lib/ (the JDBC driver). */
    public String getServerLib() {
        return serverLib;
    }

    public void setServerLib(String serverLib) {
        this.serverLib = serverLib;
    }

    public String getConfSubstitutions() {
        return confSubstitutions;
    }

    public void setConfSubstitutions(String confSubstitutions) {
        this.confSubstitutions = confSubstitutions;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getStopPort() {
        return stopPort;
    }

    public void setStopPort(int stopPort) {
        this.stopPort = stopPort;
    }

    public String getJavaVmArguments() {
        return javaVmArguments;
    }

    public void setJavaVmArguments(String javaVmArguments) {
        this.javaVmArguments = javaVmArguments;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }
}
