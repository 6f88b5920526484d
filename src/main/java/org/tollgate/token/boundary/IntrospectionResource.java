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
import org.tollgate.token.control.TokenIntrospector;
import org.tollgate.token.control.TokenLookupRequest;

/** {@code POST /oauth/introspect} (RFC 7662). */
@Path("oauth/introspect")
public class IntrospectionResource {

    private final Supplier<TokenIntrospector> introspector;
    private final EventRecorder events;

    IntrospectionResource(Supplier<TokenIntrospector> introspector, EventRecorder events) {
        this.introspector = introspector;
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response introspect(MultivaluedMap<String, String> form,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @Context HttpServletRequest http) {
        long start = System.nanoTime();
        TokenLookupRequest request = null;
        try {
            request = TokenLookupRequest.from(form == null ? Map.of() : form, authorization);
            Map<String, Object> answer = introspector.get().introspect(request);
            TokenLookupRequest asked = request;
            events.record(recorder -> recorder.introspected(asked, null, Boolean.TRUE.equals(answer.get("active")),
                    http.getRemoteAddr(), start));
            return NoStore.json(Response.ok(answer)).build();
        } catch (RuntimeException e) {
            TokenLookupRequest refused = request;
            events.record(recorder -> recorder.introspected(refused, e, null, http.getRemoteAddr(), start));
            throw e;
        }
    }

    /** RFC 7662 section 2.1: the request is form-encoded. */
    @POST
    public Response unsupported() {
        throw FormOnly.unsupportedContentType();
    }
}
