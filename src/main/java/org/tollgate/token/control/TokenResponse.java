package org.tollgate.token.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The RFC 6749 section 5.1 answer; only these fields, since strict generated clients reject others. The
 * ignored ones are for the audit log: the resource owner, the access token's jti, the refresh token family.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"access_token", "token_type", "expires_in", "refresh_token", "scope"})
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonIgnore String username,
        @JsonIgnore String jti,
        @JsonIgnore String refreshFamily) {

    /** The answer alone, without what the audit log records about it. */
    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope) {
        this(accessToken, tokenType, expiresIn, refreshToken, scope, null, null, null);
    }

    @Override
    public String toString() {
        return "TokenResponse[" + tokenType + ", expires_in=" + expiresIn + ", scope=" + scope + "]";
    }
}
