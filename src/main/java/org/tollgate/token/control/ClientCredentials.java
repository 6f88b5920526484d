package org.tollgate.token.control;

/** How, and as whom, the client authenticated in one request. */
public record ClientCredentials(Method method, String clientId, String secret) {

    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";

    public enum Method {
        /** client_secret_basic: the Authorization header. */
        BASIC,
        /** client_secret_post: client_id and client_secret fields. */
        POST,
        /** A public client: client_id alone. */
        NONE,
        /** Nothing identifies the client. */
        ABSENT
    }

    public static final ClientCredentials ABSENT_CREDENTIALS = new ClientCredentials(Method.ABSENT, null, null);

    /**
     * Reads the credentials from the Basic header or the fields; at most one method per request.
     *
     * @param authorization the Authorization header, or null
     */
    public static ClientCredentials from(FormFields fields, String authorization) {
        String clientId = fields.get(CLIENT_ID);
        String secret = fields.get(CLIENT_SECRET);
        if (BasicAuthorization.isBasic(authorization)) {
            if (secret != null) {
                throw invalidRequest("Use one client authentication method, not both Basic and client_secret");
            }
            ClientCredentials basic = BasicAuthorization.parse(authorization);
            if (clientId != null && !clientId.equals(basic.clientId())) {
                throw invalidRequest("client_id does not match the Basic authorization header");
            }
            return basic;
        }
        if (secret != null) {
            if (clientId == null) {
                throw invalidRequest("client_secret without client_id");
            }
            return new ClientCredentials(Method.POST, clientId, secret);
        }
        return clientId != null ? new ClientCredentials(Method.NONE, clientId, null) : ABSENT_CREDENTIALS;
    }

    private static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + method + ", " + clientId + "]";
    }
}
