package org.tollgate.operations.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.tollgate.operations.control.Operations;

/**
 * {@code GET /metrics} in the Prometheus text format; only deployed when the metrics.enabled setting is true.
 * With metrics.token set, the scraper must send it, as a bearer token or as the password of Basic
 * authentication (Prometheus' {@code authorization} and {@code basic_auth} options).
 */
@Path("metrics")
public class MetricsResource {

    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<Operations> operations;
    private final byte[] token;

    public MetricsResource(Supplier<Operations> operations, Optional<String> token) {
        this.operations = operations;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @GET
    public Response metrics(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (token != null && !authorized(authorization)) {
            return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate-metrics\"")
                    .type("text/plain").entity("Unauthorized\n").build();
        }
        return Response.ok(operations.get().prometheusText(), TEXT_FORMAT).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private boolean authorized(String authorization) {
        if (authorization == null) {
            return false;
        }
        String presented = null;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            presented = basicPassword(authorization.substring(6).trim());
        }
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
