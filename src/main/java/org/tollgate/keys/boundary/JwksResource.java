package org.tollgate.keys.boundary;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.tollgate.Tollgate;

/** {@code GET /oauth/jwks}: the public signing keys, so resource servers can verify access tokens. */
@Path("oauth/jwks")
public class JwksResource {

    static final String JWK_SET_JSON = "application/jwk-set+json;charset=UTF-8";
    private static final int MAX_AGE_SECONDS = 300;

    private final String jwks;

    public JwksResource(Tollgate tollgate) {
        this.jwks = new JWKSet(tollgate.publicSigningKey()).toString(true);
    }

    @GET
    @Produces({JWK_SET_JSON, "application/json"})
    public Response keys() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(jwks, JWK_SET_JSON).cacheControl(cache).build();
    }
}
