package org.tollgate.token.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

class OAuthExceptionMapperTest {

    private final OAuthExceptionMapper mapper = new OAuthExceptionMapper();

    private static OAuthExceptionMapper.ErrorBody body(Response response) {
        return (OAuthExceptionMapper.ErrorBody) response.getEntity();
    }

    @Test
    void whenAnOAuthErrorIsMappedThenStatusCodeAndNoStoreHeadersFollowTheRfc() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_GRANT, "bad grant"));
        assertEquals(400, response.getStatus());
        assertEquals("invalid_grant", body(response).error());
        assertEquals("bad grant", body(response).description());
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
        assertEquals("no-cache", response.getHeaderString("Pragma"));
        assertEquals("application/json;charset=UTF-8", response.getHeaderString("Content-Type"));
        assertNull(response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void whenTheClientFailsToAuthenticateThen401WithAChallenge() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_CLIENT, "no"));
        assertEquals(401, response.getStatus());
        assertTrue(response.getHeaderString("WWW-Authenticate").startsWith("Basic realm="));
    }

    @Test
    void whenTheServerIsUnavailableThen503WithRetryAfter() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, "db"));
        assertEquals(503, response.getStatus());
        assertTrue(Integer.parseInt(response.getHeaderString("Retry-After")) > 0);
    }

    @Test
    void whenSomethingUnexpectedFailsThenServerErrorWithoutDetail() {
        Response response = mapper.toResponse(new IllegalStateException("SELECT secret FROM clients"));
        assertEquals(500, response.getStatus());
        assertEquals("server_error", body(response).error());
        assertTrue(!body(response).description().contains("SELECT")
                && !body(response).description().contains("IllegalStateException"));
    }

    @Test
    void whenTheMethodIsNotAllowedThen405KeepsItsAllowHeader() {
        Response response = mapper.toResponse(new NotAllowedException("POST"));
        assertEquals(405, response.getStatus());
        assertTrue(response.getHeaderString("Allow").contains("POST"));
        assertEquals("invalid_request", body(response).error());
    }

    @Test
    void whenTheContentTypeIsUnsupportedThen400InvalidRequest() {
        Response response = mapper.toResponse(new NotSupportedException());
        assertEquals(400, response.getStatus());
        assertEquals("invalid_request", body(response).error());
    }

    @Test
    void whenTheBodyIsTooLargeThen413InvalidRequest() {
        Response response = mapper.toResponse(new WebApplicationException(413));
        assertEquals(413, response.getStatus());
        assertEquals("invalid_request", body(response).error());
    }
}
