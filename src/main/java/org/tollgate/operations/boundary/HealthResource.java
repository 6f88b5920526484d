package org.tollgate.operations.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;

/** {@code GET /health} for load balancers: 200 UP or 503 DOWN, checked afresh on every call. */
@Path("health")
public class HealthResource {

    private static final String UP = "{\"status\":\"UP\"}";
    private static final String DOWN = "{\"status\":\"DOWN\"}";

    private final BooleanSupplier health;

    /** @param health true when the database answers and a signing key is loaded */
    public HealthResource(BooleanSupplier health) {
        this.health = health;
    }

    @GET
    public Response health() {
        boolean up = health.getAsBoolean();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return Response.status(up ? 200 : 503).entity(up ? UP : DOWN).type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(noStore).build();
    }
}
