package org.tollgate.token.control;

/**
 * What a grant handler decided: whom the access token is for, with which scope, the refresh token family
 * to continue (null when no refresh token is issued), and the hash of the refresh token that this grant
 * rotated, to be linked to its successor (null when none was rotated, or when it must get no successor).
 */
public record Grant(String subject, String username, Scope scope, String refreshFamily, String rotatedHash) {

    public Grant(String subject, String username, Scope scope, String refreshFamily) {
        this(subject, username, scope, refreshFamily, null);
    }
}
