package org.tollgate.token.control;

/** An OAuth error answer; the description is sent to the client, so it never holds a secret. */
public class OAuthException extends RuntimeException {

    private final OAuthError error;

    public OAuthException(OAuthError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
