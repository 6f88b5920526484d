package org.tollgate.admin;

import javax.management.openmbean.CompositeData;

/**
 * Client management, as JConsole and Tomcat's JMX proxy show it. Lists are space- or comma-separated
 * (use spaces through the JMX proxy, whose parameters are comma-separated).
 */
public interface ClientsAdminMBean {

    /** Every client, one line each (an operation rather than an attribute, so the JMX proxy prints it). */
    String[] list();

    /** One client's metadata, without its secret. */
    CompositeData show(String clientId);

    /**
     * Registers a client; returns its generated secret, which is shown this once and stored only as a hash
     * (empty for a public client, authMethod "none").
     */
    String register(String clientId, String authMethod, String grantTypes, String scope);

    String updateGrantTypes(String clientId, String grantTypes);

    String updateScope(String clientId, String scope);

    /** Lifetimes in seconds; 0 means the server's setting. */
    String updateLifetimes(String clientId, long accessTokenTtl, long refreshTokenTtl);

    /** A new generated secret, shown this once; the old one stops working at once. */
    String rotateSecret(String clientId);

    String enable(String clientId);

    String disable(String clientId);

    /** Deletes the client and its refresh tokens. */
    String delete(String clientId);
}
