package org.tollgate.token.control;

/** RFC 6749 section 3.3: the requested scope, or everything registered when none is requested. */
public final class ScopePolicy {

    private ScopePolicy() {
    }

    /** The scope to grant out of {@code allowed}; invalid_scope when the request asks for more. */
    public static Scope grant(String requested, Scope allowed) {
        Scope scope = parse(requested);
        if (scope.isEmpty()) {
            return allowed;
        }
        if (!scope.isSubsetOf(allowed)) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "The requested scope exceeds what may be granted");
        }
        return scope;
    }

    private static Scope parse(String requested) {
        try {
            return Scope.parse(requested);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, "The scope parameter is malformed");
        }
    }
}
