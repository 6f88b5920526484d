package org.tollgate.it.resourceserver;

import com.nimbusds.jwt.JWT;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.tollgate.resourceserver.BearerTokenFilter;

/**
 * A plain servlet webapp as a legacy application would be: its own web.xml declaring the filter, the
 * filter's classes and Nimbus in WEB-INF/lib, and nothing of Jersey or Hibernate.
 */
final class LegacyApp {

    static final String CONTEXT = "/legacy";

    private LegacyApp() {
    }

    static WebArchive war(String issuer, String jwksUri) {
        return ShrinkWrap.create(WebArchive.class, "legacy.war")
                .addClass(EchoServlet.class)
                .addPackage(BearerTokenFilter.class.getPackage())
                .addAsLibrary(jarOf(JWT.class))
                .setWebXML(new StringAsset(webXml(issuer, jwksUri)));
    }

    /** A loopback port nothing listens on: the tests run in a network namespace of their own. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String filter(String name, String issuer, String jwksUri, String extraParams) {
        return """
                  <filter>
                    <filter-name>%s</filter-name>
                    <filter-class>org.tollgate.resourceserver.BearerTokenFilter</filter-class>
                    <init-param><param-name>issuer</param-name><param-value>%s</param-value></init-param>
                    <init-param><param-name>jwks-uri</param-name><param-value>%s</param-value></init-param>
                    <init-param><param-name>clock-skew</param-name><param-value>0</param-value></init-param>
                    <init-param><param-name>jwks-min-refresh</param-name><param-value>1</param-value></init-param>
                    %s
                  </filter>
                """.formatted(name, issuer, jwksUri, extraParams);
    }

    private static String webXml(String issuer, String jwksUri) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """
                + filter("read", issuer, jwksUri,
                        "<init-param><param-name>required-scope</param-name><param-value>read</param-value></init-param>")
                + filter("admin", issuer, jwksUri,
                        "<init-param><param-name>required-scope</param-name><param-value>admin</param-value></init-param>")
                + filter("elsewhere", issuer, jwksUri,
                        "<init-param><param-name>audience</param-name><param-value>https://elsewhere.example</param-value></init-param>")
                // Tollgate's tokens name the issuer as their audience unless told otherwise
                + filter("ours", issuer, jwksUri,
                        "<init-param><param-name>audience</param-name><param-value>" + issuer + "</param-value></init-param>")
                // as when Tollgate is down before the filter has ever fetched its keys
                + filter("unreachable", issuer, "http://127.0.0.1:" + closedPort() + "/oauth/jwks", "")
                + """
                  <filter-mapping><filter-name>read</filter-name><url-pattern>/api/*</url-pattern></filter-mapping>
                  <filter-mapping><filter-name>admin</filter-name><url-pattern>/admin/*</url-pattern></filter-mapping>
                  <filter-mapping><filter-name>elsewhere</filter-name><url-pattern>/elsewhere/*</url-pattern></filter-mapping>
                  <filter-mapping><filter-name>ours</filter-name><url-pattern>/ours/*</url-pattern></filter-mapping>
                  <filter-mapping><filter-name>unreachable</filter-name><url-pattern>/unreachable/*</url-pattern></filter-mapping>
                  <servlet>
                    <servlet-name>echo</servlet-name>
                    <servlet-class>org.tollgate.it.resourceserver.EchoServlet</servlet-class>
                  </servlet>
                  <servlet-mapping><servlet-name>echo</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
                </web-app>
                """;
    }
}
