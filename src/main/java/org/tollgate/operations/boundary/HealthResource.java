package org.tollgate.operations.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.tollgate.operations.control.HealthCheck;

/** {@code GET /health} for load balancers: 200 UP or 503 DOWN, checked afresh on every call. */
@Path("health")
public class HealthResource {

    private static final String UP = "{\"status\":\"UP\"}";
    private static final String DOWN = "{\"status\":\"DOWN\"}";

    private final HealthCheck health;

    public HealthResource(HealthCheck health) {
        this.health = health;
    }

    @GET
    public Response health() {
        boolean up = health.up();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return Response.status(up ? 200 : 503).entity(up ? UP : DOWN).type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore).build();
    }
}
