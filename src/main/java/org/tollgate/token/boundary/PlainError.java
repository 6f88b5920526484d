package org.tollgate.token.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tollgate.token.control.OAuthError;

/**
 * An RFC 6749 section 5.2 answer written straight to the servlet response, for requests that must be
 * answered before Jersey reads them or after it gave up on them: the body and the no-store headers of
 * {@link OAuthExceptionMapper}'s answers.
 */
final class PlainError {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainError() {
    }

    /** The error_description of a refusal that only has an HTTP status, from Jersey or from the server. */
    static String describe(int status) {
        return switch (status) {
            case 404 -> "No such endpoint";
            case 405 -> "Method not allowed; the Allow header lists those this endpoint takes";
            case 406 -> "This endpoint answers application/json";
            case 408 -> "The request did not arrive in time";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported Content-Type for this endpoint";
            default -> "Malformed request";
        };
    }

    static void write(HttpServletResponse response, int status, OAuthError error, String description)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        byte[] body = JSON.writeValueAsBytes(new OAuthExceptionMapper.ErrorBody(error.code(), description));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
