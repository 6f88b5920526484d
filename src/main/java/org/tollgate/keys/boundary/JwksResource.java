package org.tollgate.keys.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.tollgate.keys.control.KeyRing;

/**
 * {@code GET /oauth/jwks}: every public key a live token may be signed with. The cache lifetime is short
 * so that resource servers see a new key soon after a rotation (they also refetch on an unknown kid).
 */
@Path("oauth/jwks")
public class JwksResource {

    static final String JWK_SET_JSON = "application/jwk-set+json;charset=UTF-8";
    private static final int MAX_AGE_SECONDS = 60;

    private final Supplier<KeyRing> keys;

    public JwksResource(Supplier<KeyRing> keys) {
        this.keys = keys;
    }

    /** RFC 7517's type unless the client asks for plain JSON only (Jersey picks the first that fits Accept). */
    @GET
    @Produces({JWK_SET_JSON, "application/json;charset=UTF-8"})
    public Response keys() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(keys.get().publicKeys().toString(true)).cacheControl(cache).build();
    }
}
