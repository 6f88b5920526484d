package org.tollgate.token.boundary;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.Tollgate;
import org.tollgate.admin.ManagementBeans;
import org.tollgate.config.Settings;

/**
 * Starts Tollgate with the web application and stops it with it. A failure here (a malformed import
 * file, an unreachable database) fails the deployment, with the reason in the server's log.
 */
public class TollgateBootstrap implements ServletContextListener {

    static final String ATTRIBUTE = Tollgate.class.getName();
    private static final String BEANS = ManagementBeans.class.getName();
    private static final Logger LOG = Logger.getLogger(TollgateBootstrap.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            Tollgate tollgate = Tollgate.start(Settings.fromEnvironment());
            context.setAttribute(ATTRIBUTE, tollgate);
            context.setAttribute(BEANS, new ManagementBeans(tollgate, context.getContextPath()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tollgate cannot start: " + e.getMessage(), e);
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(BEANS) instanceof ManagementBeans beans) {
            event.getServletContext().removeAttribute(BEANS);
            beans.close();
        }
        Object tollgate = event.getServletContext().getAttribute(ATTRIBUTE);
        if (tollgate instanceof Tollgate running) {
            event.getServletContext().removeAttribute(ATTRIBUTE);
            running.close();
        }
    }

    static Tollgate running(ServletContext context) {
        Object tollgate = context.getAttribute(ATTRIBUTE);
        if (tollgate instanceof Tollgate running) {
            return running;
        }
        throw new IllegalStateException("Tollgate did not start; see the server log");
    }
}
