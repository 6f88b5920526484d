package org.tollgate.token.control;

/**
 * What a grant handler decided: whom the access token is for, with which scope, and the refresh
 * token family to continue (null when no refresh token is issued).
 */
public record Grant(String subject, String username, Scope scope, String refreshFamily) {
}
