package org.tollgate.token.boundary;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.tollgate.token.control.OAuthError;

/**
 * The deployment's error page (web.xml): what the server or Jersey rejects without an answer of ours, such
 * as a malformed Content-Type or Accept header or a body that stops arriving, gets an OAuth error in JSON
 * instead of the server's HTML report, which can show a stack trace. A plain servlet, so that it works
 * for the very requests Jersey could not read. Requests the server refuses before they reach the
 * application (a malformed request line, headers too large) still get the server's own page.
 */
public final class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            PlainError.write(response, 404, OAuthError.INVALID_REQUEST, PlainError.describe(404));
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && OAuthExceptionMapper.causedBy(failure, IOException.class)) {
            // the server failed to read the request (a chunk header that is no number, say, on TomEE's
            // Tomcat when the body came late): the client's malformed request, not a server failure; an
            // exception a servlet threw, the server has logged already
            status = 400;
        }
        try {
            if (status == 503) {
                // the application is unavailable (being redeployed, say): a client may simply try again
                response.setHeader("Retry-After", OAuthExceptionMapper.RETRY_AFTER_SECONDS);
                PlainError.write(response, status, OAuthError.TEMPORARILY_UNAVAILABLE, "Try again shortly");
            } else if (status >= 500) {
                PlainError.write(response, status, OAuthError.SERVER_ERROR, OAuthExceptionMapper.SERVER_FAILED);
            } else {
                PlainError.write(response, status, OAuthError.INVALID_REQUEST, PlainError.describe(status));
            }
        } catch (IOException clientGone) {
            // the error was often the connection itself (a client that stopped sending): nobody to answer
        }
    }
}
