package org.tollgate.admin;

/**
 * Refresh-token revocation, as JConsole and Tomcat's JMX proxy show it. Each operation returns how many
 * tokens it revoked; access tokens already issued stay valid until they expire (keep them short).
 */
public interface TokensAdminMBean {

    /** Refresh tokens that can still be used: not rotated, revoked or expired. */
    long getLiveRefreshTokens();

    int revokeUser(String username);

    int revokeClient(String clientId);

    /** One grant's refresh tokens; the family id is in the audit line of the grant. */
    int revokeFamily(String family);
}
