package org.tollgate.token.boundary;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.TollgateStarter;
import org.tollgate.admin.ManagementBeans;
import org.tollgate.config.Settings;

/**
 * Starts Tollgate with the web application and stops it with it. A malformed import file or setting fails
 * the deployment, with the reason in the server's log; an unreachable database does not (see
 * {@link TollgateStarter}).
 */
public class TollgateBootstrap implements ServletContextListener {

    static final String ATTRIBUTE = TollgateStarter.class.getName();
    private static final Logger LOG = Logger.getLogger(TollgateBootstrap.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String path = context.getContextPath();
        try {
            TollgateStarter starter = TollgateStarter.start(Settings.fromEnvironment().snapshot(),
                    path.isEmpty() ? "/" : path, tollgate -> new ManagementBeans(tollgate, path));
            context.setAttribute(ATTRIBUTE, starter);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Tollgate cannot start: " + e.getMessage(), e);
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ATTRIBUTE) instanceof TollgateStarter starter) {
            event.getServletContext().removeAttribute(ATTRIBUTE);
            starter.close();
        }
    }

    static TollgateStarter starter(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof TollgateStarter starter) {
            return starter;
        }
        throw new IllegalStateException("Tollgate did not start; see the server log");
    }
}
