package org.tollgate.discovery.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.tollgate.discovery.control.ServerMetadata;

/** {@code GET /.well-known/oauth-authorization-server} (RFC 8414), relative to where the WAR is deployed. */
@Path(".well-known/oauth-authorization-server")
public class MetadataResource {

    private static final int MAX_AGE_SECONDS = 60;

    private final Supplier<ServerMetadata> metadata;

    public MetadataResource(Supplier<ServerMetadata> metadata) {
        this.metadata = metadata;
    }

    @GET
    @Produces("application/json;charset=UTF-8")
    public Response metadata() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(metadata.get().document()).cacheControl(cache).build();
    }
}
