package org.tollgate.token.control;

import org.tollgate.clients.entity.Client;

/** Token lifetimes in seconds: the client's own when registered, else the server's defaults. */
public record TokenLifetimes(long accessTokenSeconds, long refreshTokenSeconds) {

    public long accessToken(Client client) {
        return client.getAccessTokenTtl() != null ? client.getAccessTokenTtl() : accessTokenSeconds;
    }

    public long refreshToken(Client client) {
        return client.getRefreshTokenTtl() != null ? client.getRefreshTokenTtl() : refreshTokenSeconds;
    }
}
