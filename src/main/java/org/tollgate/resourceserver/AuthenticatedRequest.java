package org.tollgate.resourceserver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** Presents the token's subject as the request's user, and each granted scope as a role. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final TollgatePrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, TollgatePrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return "Bearer";
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.getScopes().contains(role);
    }
}
