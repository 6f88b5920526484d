package org.tollgate.it.resourceserver;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;
import org.tollgate.resourceserver.TollgatePrincipal;

/** The legacy application's only page: says who called, as the filter presented the caller. */
public class EchoServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TollgatePrincipal principal = (TollgatePrincipal) request.getUserPrincipal();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("user=" + request.getRemoteUser()
                + " client=" + principal.getClientId()
                + " scopes=" + new TreeSet<>(principal.getScopes())
                + " inRole(write)=" + request.isUserInRole("write"));
    }
}
