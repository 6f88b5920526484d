package org.tollgate.token.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** An introspection (RFC 7662) or revocation (RFC 7009) request: the client and the token it asks about. */
public record TokenLookupRequest(ClientCredentials credentials, String token, String tokenTypeHint) {

    public static final String TOKEN = "token";
    public static final String TOKEN_TYPE_HINT = "token_type_hint";
    private static final Set<String> FIELDS = Set.of(TOKEN, TOKEN_TYPE_HINT, ClientCredentials.CLIENT_ID,
            ClientCredentials.CLIENT_SECRET);

    public static TokenLookupRequest from(Map<String, List<String>> fields, String authorization) {
        FormFields form = FormFields.of(fields, FIELDS);
        return new TokenLookupRequest(ClientCredentials.from(form, authorization),
                FormFields.required(form.get(TOKEN), TOKEN), form.get(TOKEN_TYPE_HINT));
    }

    @Override
    public String toString() {
        return "TokenLookupRequest[" + credentials + ", hint=" + tokenTypeHint + "]";
    }
}
