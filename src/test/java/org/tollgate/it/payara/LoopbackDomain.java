package org.tollgate.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tollgate.TestFiles;

/**
 * A fresh copy of the distribution's {@code domain1} whose every listener is on 127.0.0.1: HTTP, admin,
 * IIOP and JMX get {@code address="127.0.0.1"}, the JMS broker's host is 127.0.0.1, and the Hazelcast
 * data grid is off (and bound to loopback, should it start anyway); server.log does not rotate by size. Each edit must find its place in domain.xml, so a Payara release
 * that changes the file fails here rather than listening on every interface.
 */
final class LoopbackDomain {

    static final String NAME = "domain1";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String ROTATION_LIMIT = "com.sun.enterprise.server.logging.GFFileHandler.rotationLimitInBytes=";

    private LoopbackDomain() {
    }

    /** Creates the domain in {@code domainsDir} (deleted first) and returns its directory. */
    static Path create(Path payaraHome, Path domainsDir, PayaraServerConfiguration config) {
        Path domain = domainsDir.resolve(NAME);
        try {
            TestFiles.deleteRecursively(domainsDir);
            copyRecursively(payaraHome.resolve("glassfish/domains").resolve(NAME), domain);
            Path xml = domain.resolve("config/domain.xml");
            Files.writeString(xml, onLoopback(Files.readString(xml, StandardCharsets.UTF_8), config),
                    StandardCharsets.UTF_8);
            // server.log is what the tests read between two points in time (ServerLog): no size rotation
            Path logging = domain.resolve("config/logging.properties");
            Files.writeString(logging, replace(Files.readString(logging, StandardCharsets.ISO_8859_1),
                    "(?m)^" + Pattern.quote(ROTATION_LIMIT) + ".*$", ROTATION_LIMIT + "0"),
                    StandardCharsets.ISO_8859_1);
            for (String library : words(config.getLibraries())) {
                Path jar = Path.of(library);
                Files.copy(jar, domain.resolve("lib").resolve(jar.getFileName()));
            }
            return domain;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Payara domain in " + domainsDir, e);
        }
    }

    static String onLoopback(String xml, PayaraServerConfiguration config) {
        String s = replace(xml, "address=\"0.0.0.0\"", "address=\"" + LOOPBACK + "\"");
        s = replace(s, "<network-listener (?![^>]*address=)", "<network-listener address=\"" + LOOPBACK + "\" ");
        s = replaceFirst(s, "port=\"8080\"", "port=\"" + config.getHttpPort() + "\"");
        s = replaceFirst(s, "port=\"4848\"", "port=\"" + config.getAdminPort() + "\"");
        // the embedded JMS broker's proxy listens on every interface when its host is "localhost"
        s = replaceFirst(s, "<system-property name=\"JMS_PROVIDER_PORT\"[^>]*/>", "$0\n"
                + "<jms-service type=\"EMBEDDED\" default-jms-host=\"default_JMS_host\">"
                + "<jms-host name=\"default_JMS_host\" host=\"" + LOOPBACK + "\" port=\"\\${JMS_PROVIDER_PORT}\""
                + " lazy-init=\"true\"/></jms-service>");
        s = replaceFirst(s, "<hazelcast-runtime-configuration ",
                "<hazelcast-runtime-configuration interface=\"" + LOOPBACK + "\" ");
        // the first one is server-config's, the configuration of the server that runs
        s = replaceFirst(s, "<hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\">");
        StringBuilder options = new StringBuilder("<jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>\n");
        for (String option : words(config.getJavaVmArguments())) {
            options.append("<jvm-options>").append(xmlText(option)).append("</jvm-options>\n");
        }
        return replaceFirst(s, "</java-config>", Matcher.quoteReplacement(options.toString()) + "</java-config>");
    }

    private static String replace(String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("domain.xml has no " + regex);
        }
        return matcher.replaceAll(replacement);
    }

    private static String replaceFirst(String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("domain.xml has no " + regex);
        }
        return matcher.replaceFirst(replacement);
    }

    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
