package org.tollgate.admin;

import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import org.tollgate.operations.control.TokenMetrics;

/**
 * The metrics MBean: for each endpoint, grant and outcome, three read-only attributes read from the
 * Micrometer timers, such as {@code token.password.success.count}, {@code .meanMillis} and {@code .maxMillis}
 * (the maximum of the last two minutes), and {@code passwordChecks.count}. JConsole can chart any of them.
 */
public final class MetricsAdmin implements DynamicMBean {

    private final Map<String, DoubleSupplier> attributes = new LinkedHashMap<>();
    private final MBeanInfo info;

    MetricsAdmin(TokenMetrics metrics, LongSupplier passwordChecks) {
        List<MBeanAttributeInfo> infos = new ArrayList<>();
        add(infos, "passwordChecks.count", "Argon2 checks of passwords and client secrets, decoys included", "long",
                passwordChecks::getAsLong);
        for (TokenMetrics.Named named : metrics.timers()) {
            Timer timer = named.timer();
            add(infos, named.name() + ".count", "Requests answered", "long", () -> timer.count());
            add(infos, named.name() + ".meanMillis", "Mean latency, ms", "double",
                    () -> timer.mean(TimeUnit.MILLISECONDS));
            add(infos, named.name() + ".maxMillis", "Highest latency of the last two minutes, ms", "double",
                    () -> timer.max(TimeUnit.MILLISECONDS));
        }
        info = new MBeanInfo(getClass().getName(), "Tollgate request counts and latencies, per grant and outcome",
                infos.toArray(MBeanAttributeInfo[]::new), null, new MBeanOperationInfo[0],
                new MBeanNotificationInfo[0]);
    }

    private void add(List<MBeanAttributeInfo> infos, String name, String description, String type,
                     DoubleSupplier read) {
        attributes.put(name, read);
        infos.add(new MBeanAttributeInfo(name, type, description, true, false, false));
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        DoubleSupplier read = attributes.get(name);
        if (read == null) {
            throw new AttributeNotFoundException(name);
        }
        double value = read.getAsDouble();
        return name.endsWith(".count") ? (Object) (long) value : (Object) value;
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            DoubleSupplier read = attributes.get(name);
            if (read != null) {
                try {
                    list.add(new Attribute(name, getAttribute(name)));
                } catch (AttributeNotFoundException ignored) {
                    // not listed, as the contract of getAttributes says
                }
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("Metrics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("No operation " + action);
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
