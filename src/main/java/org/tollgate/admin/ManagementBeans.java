package org.tollgate.admin;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.tollgate.Tollgate;

/**
 * Registers Tollgate's MBeans in the platform MBean server under {@code org.tollgate:context=<path>,type=...},
 * so two deployments on one server do not collide, and unregisters them on undeploy.
 */
public final class ManagementBeans implements AutoCloseable {

    static final String DOMAIN = "org.tollgate";
    private static final Logger LOG = Logger.getLogger(ManagementBeans.class.getName());

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    public ManagementBeans(Tollgate tollgate, String contextPath) {
        String context = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        register(new SigningKeysAdmin(tollgate.keyRing()), name(context, "SigningKeys"));
    }

    public static ObjectName name(String context, String type) {
        try {
            return new ObjectName(DOMAIN + ":context=" + ObjectName.quote(context) + ",type=" + type);
        } catch (JMException e) {
            throw new IllegalArgumentException("Bad MBean name for context " + context, e);
        }
    }

    private void register(Object bean, ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // left over by a deployment that did not stop cleanly
            }
            server.registerMBean(bean, name);
            registered.add(name);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register MBean " + name, e);
        }
    }

    @Override
    public void close() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Cannot unregister MBean " + name, e);
            }
        }
        registered.clear();
    }
}
