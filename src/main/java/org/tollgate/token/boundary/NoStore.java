package org.tollgate.token.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** RFC 6749 section 5.1: token endpoint answers, successes and errors alike, must not be cached. */
final class NoStore {

    static final String JSON_UTF8 = "application/json;charset=UTF-8";

    private NoStore() {
    }

    static Response.ResponseBuilder json(Response.ResponseBuilder builder) {
        return headers(builder.type(JSON_UTF8));
    }

    static Response.ResponseBuilder headers(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }
}
