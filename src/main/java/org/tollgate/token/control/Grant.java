package org.tollgate.token.control;

/**
 * What a grant handler decided: whom the access token is for, with which scope, the scope of the refresh
 * token issued beside it (RFC 6749 section 6: a refresh keeps the scope it had, even when the access token
 * asks for less), the refresh token family to continue (null when no refresh token is issued), and the
 * value of the next refresh token when the grant has already recorded it as the successor of the one it
 * rotated (null: a fresh value, linked to nothing).
 */
public record Grant(String subject, String username, Scope scope, Scope refreshScope, String refreshFamily,
                    String successorToken) {

    /** A first grant: its refresh token, if any, has the access token's scope. */
    public Grant(String subject, String username, Scope scope, String refreshFamily) {
        this(subject, username, scope, scope, refreshFamily, null);
    }
}
