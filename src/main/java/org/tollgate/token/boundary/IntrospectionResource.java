package org.tollgate.token.boundary;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

    public IntrospectionResource(Supplier<TokenIntrospector> introspector) {
        this.introspector = introspector;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response introspect(MultivaluedMap<String, String> form,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TokenLookupRequest request = TokenLookupRequest.from(form == null ? Map.of() : form, authorization);
        return NoStore.json(Response.ok(introspector.get().introspect(request))).build();
    }

    /** RFC 7662 section 2.1: the request is form-encoded. */
    @POST
    public Response unsupported() {
        throw FormOnly.unsupportedContentType();
    }
}
