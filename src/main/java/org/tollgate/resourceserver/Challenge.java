package org.tollgate.resourceserver;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** An RFC 6750 section 3 answer: the WWW-Authenticate challenge, and the same error as a small JSON body. */
final class Challenge {

    private final int status;
    private final String header;
    private final String error;
    private final String description;

    private Challenge(int status, String header, String error, String description) {
        this.status = status;
        this.header = header;
        this.error = error;
        this.description = description;
    }

    /** Section 3.1: a request without credentials gets a challenge but no error code. */
    static Challenge missingToken(String realm) {
        return new Challenge(401, "Bearer realm=\"" + realm + "\"", null, null);
    }

    static Challenge invalidToken(String realm, String description) {
        return new Challenge(401, "Bearer realm=\"" + realm + "\", error=\"invalid_token\", error_description=\""
                + description + "\"", "invalid_token", description);
    }

    static Challenge insufficientScope(String realm, Set<String> required) {
        String scope = String.join(" ", required);
        return new Challenge(403, "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\", scope=\""
                + scope + "\"", "insufficient_scope", "The access token lacks scope: " + scope);
    }

    void send(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setHeader("WWW-Authenticate", header);
        response.setHeader("Cache-Control", "no-store");
        if (error != null) {
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
        }
    }
}
