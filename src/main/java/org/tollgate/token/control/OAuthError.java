package org.tollgate.token.control;

/** The error codes of RFC 6749 section 5.2, plus the two server-side ones. */
public enum OAuthError {
    INVALID_REQUEST,
    INVALID_CLIENT,
    INVALID_GRANT,
    UNAUTHORIZED_CLIENT,
    UNSUPPORTED_GRANT_TYPE,
    INVALID_SCOPE,
    SERVER_ERROR,
    TEMPORARILY_UNAVAILABLE;

    /** The code as it appears in the {@code error} field. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
