package org.tollgate.it.operations;

import java.io.IOException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.tollgate.it.TollgateDeployment;

/** Tollgate's MBeans on the Arquillian Tomcat, through its remote JMX connector, as JConsole reaches them. */
final class Jmx implements AutoCloseable {

    static final String URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:18089/jmxrmi";

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    Jmx() throws IOException {
        connector = JMXConnectorFactory.connect(new JMXServiceURL(URL));
        server = connector.getMBeanServerConnection();
    }

    static ObjectName name(String type) throws JMException {
        return new ObjectName("org.tollgate:context=\"" + TollgateDeployment.CONTEXT + "\",type=" + type);
    }

    /** Strings are passed as String, Longs as long, Integers as int, Booleans as boolean. */
    Object invoke(String type, String operation, Object... args) throws Exception {
        String[] signature = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            signature[i] = arg instanceof Long ? "long" : arg instanceof Integer ? "int"
                    : arg instanceof Boolean ? "boolean" : "java.lang.String";
        }
        return server.invoke(name(type), operation, args, signature);
    }

    Object get(String type, String attribute) throws Exception {
        return server.getAttribute(name(type), attribute);
    }

    /** What an admin sees when an operation is refused: the message of the JDK exception inside. */
    String refusal(String type, String operation, Object... args) throws Exception {
        try {
            invoke(type, operation, args);
        } catch (RuntimeMBeanException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            throw e;
        }
        throw new AssertionError(operation + " was not refused");
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
