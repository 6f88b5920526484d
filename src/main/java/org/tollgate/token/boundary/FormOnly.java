package org.tollgate.token.boundary;

import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

/** The answer for a body that introspection or revocation cannot read. */
final class FormOnly {

    private FormOnly() {
    }

    static OAuthException unsupportedContentType() {
        return new OAuthException(OAuthError.INVALID_REQUEST, "Content-Type must be application/x-www-form-urlencoded");
    }
}
