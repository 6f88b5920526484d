package org.tollgate.admin;

/** The settings in force, as JConsole and Tomcat's JMX proxy show them; read-only. */
public interface SettingsAdminMBean {

    /** One line per setting: {@code name = value (source)}, secrets masked, unset ones marked. */
    String[] list();
}
