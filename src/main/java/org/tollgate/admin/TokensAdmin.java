package org.tollgate.admin;

import org.tollgate.token.control.TokenAdministration;

/** The tokens MBean: a thin adapter over token administration; every revocation is audited. */
public final class TokensAdmin implements TokensAdminMBean {

    private final TokenAdministration tokens;
    private final AdminActions actions;

    TokensAdmin(TokenAdministration tokens, AdminActions actions) {
        this.tokens = tokens;
        this.actions = actions;
    }

    @Override
    public long getLiveRefreshTokens() {
        return AdminActions.read("live refresh tokens", tokens::countLive);
    }

    @Override
    public int revokeUser(String username) {
        return actions.run("admin.tokens.revoke-user", null, username, () -> tokens.revokeUser(username));
    }

    @Override
    public int revokeClient(String clientId) {
        return actions.run("admin.tokens.revoke-client", clientId, null, () -> tokens.revokeClient(clientId));
    }

    @Override
    public int revokeFamily(String family) {
        return actions.run("admin.tokens.revoke-family", null, null, () -> tokens.revokeFamily(family),
                "family", family);
    }
}
