package org.tollgate.token.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;
import org.tollgate.token.control.TokenLookupRequest;
import org.tollgate.token.control.TokenRevoker;

/** {@code POST /oauth/revoke} (RFC 7009): 200 with an empty body whether or not the token was known. */
@Path("oauth/revoke")
public class RevocationResource {

    private final Supplier<TokenRevoker> revoker;
    private final EventRecorder events;

    RevocationResource(Supplier<TokenRevoker> revoker, EventRecorder events) {
        this.revoker = revoker;
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(MultivaluedMap<String, String> form,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServletRequest http) {
        long start = System.nanoTime();
        TokenLookupRequest request = null;
        try {
            request = TokenLookupRequest.from(form == null ? Map.of() : form, authorization);
            revoker.get().revoke(request);
            TokenLookupRequest revoked = request;
            events.record(recorder -> recorder.revoked(revoked, null, http.getRemoteAddr(), start));
            return NoStore.headers(Response.ok()).build();
        } catch (RuntimeException e) {
            TokenLookupRequest refused = request;
            events.record(recorder -> recorder.revoked(refused, e, http.getRemoteAddr(), start));
            throw e;
        }
    }

    /** RFC 7009 section 2.1: the request is form-encoded. */
    @POST
    public Response unsupported() {
        throw FormOnly.unsupportedContentType();
    }
}
