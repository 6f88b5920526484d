package org.tollgate.token.control;

import java.time.Instant;

/**
 * What a grant handler decided: whom the access token is for, when that user signed in (null for a
 * client's own grant, and for a refresh token family begun before Tollgate recorded it), with which scope,
 * the scope of the refresh token issued beside it (RFC 6749 section 6: a refresh keeps the scope it had,
 * even when the access token asks for less), the refresh token family to continue (null when no refresh
 * token is issued), and the value of the next refresh token when the grant has already recorded it as the
 * successor of the one it rotated (null: a fresh value, linked to nothing).
 */
public record Grant(String subject, String username, Instant authenticatedAt, Scope scope, Scope refreshScope,
                    String refreshFamily, String successorToken) {

    /** A client's own grant: the client is the subject, and there is no refresh token. */
    public static Grant ofClient(String clientId, Scope scope) {
        return new Grant(clientId, null, null, scope, scope, null, null);
    }

    /** A user's sign-in: its refresh token, if any, has the access token's scope. */
    public static Grant signIn(String username, Instant authenticatedAt, Scope scope, String refreshFamily) {
        return new Grant(username, username, authenticatedAt, scope, scope, refreshFamily, null);
    }
}
