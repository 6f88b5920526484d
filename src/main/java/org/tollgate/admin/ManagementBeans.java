package org.tollgate.admin;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import org.tollgate.Tollgate;
import org.tollgate.operations.control.Operations;

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
        try {
            registerAll(tollgate, context);
        } catch (RuntimeException e) {
            close(); // a half-registered set would outlive the failed deployment
            throw e;
        }
    }

    private void registerAll(Tollgate tollgate, String context) {
        Operations ops = tollgate.operations();
        AdminActions actions = new AdminActions(ops.audit());
        register(standard(new SigningKeysAdmin(tollgate.keyRing(), ops.audit()), SigningKeysAdminMBean.class),
                name(context, "SigningKeys"));
        register(standard(new ClientsAdmin(ops.clients(), actions), ClientsAdminMBean.class), name(context, "Clients"));
        register(standard(new UsersAdmin(ops.users(), ops.throttle(), actions), UsersAdminMBean.class), name(context, "Users"));
        register(standard(new TokensAdmin(ops.tokens(), actions), TokensAdminMBean.class), name(context, "Tokens"));
        register(standard(new SettingsAdmin(tollgate.settings()), SettingsAdminMBean.class),
                name(context, "Settings"));
        register(new MetricsAdmin(ops.metrics(), ops::passwordChecks), name(context, "Metrics"));
    }

    private static <T> Object standard(T implementation, Class<T> type) {
        try {
            return new NamedParameters<>(implementation, type);
        } catch (NotCompliantMBeanException e) {
            throw new IllegalStateException("Not an MBean: " + type.getName(), e);
        }
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
                // another deployment under the same name since (Tomcat's parallel deployment, ROOT##2 taking over
                // from ROOT##1) replaced ours; its beans, loaded by its own class loader, stay
                if (server.isRegistered(name)
                        && server.getClassLoaderFor(name) == ManagementBeans.class.getClassLoader()) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                LOG.log(Level.WARNING, "Cannot unregister MBean " + name, e);
            }
        }
        registered.clear();
    }
}
