package org.tollgate.operations.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deregisters the JDBC drivers that this web application's own jars registered (embedded H2), so that an
 * undeploy does not leave them, and with them the whole class loader, in the JVM-wide DriverManager.
 * Declared before the bootstrap listener in web.xml, so it runs after Tollgate has closed its database.
 * Drivers the server provides are loaded by another class loader and stay.
 */
public class JdbcDriverCleanup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(JdbcDriverCleanup.class.getName());

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ClassLoader ours = JdbcDriverCleanup.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                    LOG.fine(() -> "Deregistered JDBC driver " + driver.getClass().getName());
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "Cannot deregister JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
