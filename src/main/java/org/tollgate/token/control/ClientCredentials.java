package org.tollgate.token.control;

/** How, and as whom, the client authenticated in one token request. */
public record ClientCredentials(Method method, String clientId, String secret) {

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

    @Override
    public String toString() {
        return "ClientCredentials[" + method + ", " + clientId + "]";
    }
}
