package org.tollgate.token.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.uri.UriComponent;
import org.tollgate.token.control.OAuthError;

/**
 * Looks at a request's query string before Jersey does. No endpoint reads one: RFC 6749 (sections 2.3.1
 * and 3.2) puts a POST's parameters in its body. Jersey, given a form POST with an empty body, merges the
 * servlet's parameters into the form: an invalid percent-escape there was a 500 (and Tomcat logged the
 * value, a secret's maybe), a valid query a warning quoting the URL. So a query string that is not valid
 * percent-encoding, or a POST that names an OAuth parameter in it, is refused here; any other request goes
 * on with the servlet's parameters hidden from Jersey.
 */
public final class QueryStringGuard extends HttpFilter {

    /** What the endpoints read from a body: in a URL these end up in access logs and browser histories. */
    private static final Set<String> BODY_PARAMETERS = Set.of("grant_type", "client_id", "client_secret",
            "username", "password", "refresh_token", "scope", "token", "token_type_hint");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String query = request.getQueryString();
        if (query == null) {
            chain.doFilter(request, response);
            return;
        }
        String refusal = refusal(query, "POST".equals(request.getMethod()));
        if (refusal != null) {
            PlainError.write(response, 400, OAuthError.INVALID_REQUEST, refusal);
            return;
        }
        chain.doFilter(new WithoutParameters(request), response);
    }

    private static String refusal(String query, boolean post) {
        for (String parameter : query.split("&")) {
            String decoded;
            try {
                decoded = UriComponent.decode(parameter, UriComponent.Type.QUERY_PARAM);
            } catch (RuntimeException malformed) {
                // Jersey's own decoding, which it would run later: a bad escape is an IllegalArgumentException,
                // a '%' at the end a StringIndexOutOfBoundsException
                return "The URL's query string is not valid percent-encoding";
            }
            int equals = decoded.indexOf('=');
            if (post && BODY_PARAMETERS.contains(equals < 0 ? decoded : decoded.substring(0, equals))) {
                return "Parameters belong in the request body, not in the URL (RFC 6749 section 3.2)";
            }
        }
        return null;
    }

    /** The request as Jersey should see it: its form, if any, comes from the body alone. */
    private static final class WithoutParameters extends HttpServletRequestWrapper {

        WithoutParameters(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
