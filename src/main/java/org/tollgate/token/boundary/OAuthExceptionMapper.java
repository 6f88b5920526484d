package org.tollgate.token.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

/**
 * The one place that turns a failure into an RFC 6749 section 5.2 answer and chooses its status.
 * Anything unexpected becomes a bare server_error; its detail goes to the log, once, never to the client.
 */
@Provider
public class OAuthExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(OAuthExceptionMapper.class.getName());
    static final String RETRY_AFTER_SECONDS = "2";
    /** All a client learns of an unexpected failure. */
    static final String SERVER_FAILED = "The server failed to process the request";

    /** The error body; the description is always ours, never text from the request or an exception. */
    public record ErrorBody(@JsonProperty("error") String error, @JsonProperty("error_description") String description) {
    }

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof OAuthException e) {
            LOG.fine(() -> "Token request refused: " + e.error().code() + " (" + e.description() + ")");
            return answer(e, status(e.error()));
        }
        if (failure instanceof WebApplicationException e && e.getResponse().getStatus() < 500) {
            return fromHttpFailure(e.getResponse());
        }
        if (causedBy(failure, RequestSizeLimit.UnreadableBody.class)) {
            // Jersey wraps what reading the body threw, once or more
            LOG.fine(() -> "Token request refused: the body could not be read");
            return answer(new OAuthException(OAuthError.INVALID_REQUEST, "The request body could not be read"), 400);
        }
        LOG.log(Level.SEVERE, "Token endpoint failed unexpectedly", failure);
        return answer(new OAuthException(OAuthError.SERVER_ERROR, SERVER_FAILED), 500);
    }

    /** Whether the failure or any of its causes is of this type. */
    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Response fromHttpFailure(Response http) {
        int status = http.getStatus();
        String description = PlainError.describe(status);
        LOG.fine(() -> "Token request refused with HTTP " + status);
        Response.ResponseBuilder builder = body(new OAuthException(OAuthError.INVALID_REQUEST, description),
                status == 415 ? 400 : status);
        String allow = http.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, withHead(allow));
        }
        return builder.build();
    }

    /** Jersey answers HEAD wherever there is a GET, but leaves it out of Allow (RFC 9110 section 10.2.1). */
    private static String withHead(String allow) {
        List<String> methods = Arrays.asList(allow.trim().split("\\s*,\\s*"));
        return methods.contains("GET") && !methods.contains("HEAD") ? allow + ",HEAD" : allow;
    }

    private static int status(OAuthError error) {
        return switch (error) {
            case INVALID_CLIENT -> 401;
            case SERVER_ERROR -> 500;
            case TEMPORARILY_UNAVAILABLE -> 503;
            default -> 400;
        };
    }

    private static Response answer(OAuthException e, int status) {
        Response.ResponseBuilder builder = body(e, status);
        if (status == 401) {
            // RFC 6749 5.2 and RFC 9110: a 401 names the scheme the client may authenticate with
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\", charset=\"UTF-8\"");
        }
        if (status == 503) {
            // RFC 9110 10.2.3: when to try again; a database outage is usually seconds, not minutes
            builder.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    private static Response.ResponseBuilder body(OAuthException e, int status) {
        return NoStore.json(Response.status(status).entity(new ErrorBody(e.error().code(), e.description())));
    }
}
