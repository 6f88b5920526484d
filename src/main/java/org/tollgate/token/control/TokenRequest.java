package org.tollgate.token.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One token request as the endpoint received it, checked for the rules every grant shares:
 * no repeated field, a grant type, at most one client authentication method.
 */
public record TokenRequest(String grantType, ClientCredentials credentials, String scope,
                           String username, String password, String refreshToken, String clientAddress) {

    public static final String GRANT_TYPE = "grant_type";
    public static final String CLIENT_ID = ClientCredentials.CLIENT_ID;
    public static final String CLIENT_SECRET = ClientCredentials.CLIENT_SECRET;
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
        return from(fields, authorization, null);
    }

    /** @param clientAddress the HTTP client's address, for brute-force throttling; null when unknown */
    public static TokenRequest from(Map<String, List<String>> fields, String authorization, String clientAddress) {
        FormFields form = FormFields.of(fields, FIELDS);
        String grantType = FormFields.required(form.get(GRANT_TYPE), GRANT_TYPE);
        return new TokenRequest(grantType, ClientCredentials.from(form, authorization), form.get(SCOPE),
                form.get(USERNAME), form.get(PASSWORD), form.get(REFRESH_TOKEN), clientAddress);
    }

    /** The field, or invalid_request naming it. */
    public static String required(String value, String name) {
        return FormFields.required(value, name);
    }

    @Override
    public String toString() {
        return "TokenRequest[" + grantType + ", " + credentials + "]";
    }
}
