package org.tollgate.token.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One token request as the endpoint received it, checked for the rules every grant shares:
 * no repeated field, a grant type, at most one client authentication method.
 */
public record TokenRequest(String grantType, ClientCredentials credentials, String scope,
                           String username, String password, String refreshToken) {

    public static final String GRANT_TYPE = "grant_type";
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String SCOPE = "scope";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String REFRESH_TOKEN = "refresh_token";

    /** The fields the contract names; any other field is ignored. */
    public static final Set<String> FIELDS =
            Set.of(GRANT_TYPE, CLIENT_ID, CLIENT_SECRET, SCOPE, USERNAME, PASSWORD, REFRESH_TOKEN);

    /**
     * @param fields        every received field with all of its values
     * @param authorization the Authorization header, or null
     */
    public static TokenRequest from(Map<String, List<String>> fields, String authorization) {
        for (String name : FIELDS) {
            List<String> values = fields.get(name);
            if (values != null && values.size() > 1) {
                throw invalidRequest("Parameter '" + name + "' is repeated");
            }
        }
        String grantType = single(fields, GRANT_TYPE);
        if (grantType == null) {
            throw invalidRequest("Missing parameter 'grant_type'");
        }
        return new TokenRequest(grantType, credentials(fields, authorization), single(fields, SCOPE),
                single(fields, USERNAME), single(fields, PASSWORD), single(fields, REFRESH_TOKEN));
    }

    private static ClientCredentials credentials(Map<String, List<String>> fields, String authorization) {
        String clientId = single(fields, CLIENT_ID);
        String secret = single(fields, CLIENT_SECRET);
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
            return new ClientCredentials(ClientCredentials.Method.POST, clientId, secret);
        }
        if (clientId != null) {
            return new ClientCredentials(ClientCredentials.Method.NONE, clientId, null);
        }
        return ClientCredentials.ABSENT_CREDENTIALS;
    }

    /** The field's one value; an empty value counts as absent. */
    private static String single(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    /** The field, or invalid_request naming it. */
    public static String required(String value, String name) {
        if (value == null) {
            throw invalidRequest("Missing parameter '" + name + "'");
        }
        return value;
    }

    private static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    @Override
    public String toString() {
        return "TokenRequest[" + grantType + ", " + credentials + "]";
    }
}
