package org.tollgate.token.control;

/**
 * What a grant handler decided: whom the access token is for, with which scope, the refresh token family
 * to continue (null when no refresh token is issued), and the value of the next refresh token when the grant
 * has already recorded it as the successor of the one it rotated (null: a fresh value, linked to nothing).
 */
public record Grant(String subject, String username, Scope scope, String refreshFamily, String successorToken) {

    public Grant(String subject, String username, Scope scope, String refreshFamily) {
        this(subject, username, scope, refreshFamily, null);
    }
}
