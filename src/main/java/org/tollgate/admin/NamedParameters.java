package org.tollgate.admin;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

/**
 * A standard MBean whose operations show their parameters' real names (clientId, not p1) in JConsole and
 * in Tomcat's JMX proxy listing; the build keeps the names with {@code -parameters}.
 */
final class NamedParameters<T> extends StandardMBean {

    private final Class<T> type;

    NamedParameters(T implementation, Class<T> type) throws NotCompliantMBeanException {
        super(implementation, type);
        this.type = type;
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(op.getName()) && method.getParameterCount() == op.getSignature().length) {
                Parameter parameter = method.getParameters()[sequence];
                return parameter.isNamePresent() ? parameter.getName() : super.getParameterName(op, param, sequence);
            }
        }
        return super.getParameterName(op, param, sequence);
    }
}
