package org.tollgate.token.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 6749 section 5.1: token endpoint answers, successes and errors alike, must not be cached. */
final class NoStore {

    /** A constant: a String type would be parsed again on every answer. */
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private NoStore() {
    }

    static Response.ResponseBuilder json(Response.ResponseBuilder builder) {
        return headers(builder.type(JSON_UTF8));
    }

    static Response.ResponseBuilder headers(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }
}
