package org.tollgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** What a client saw: status, headers and the body as text. */
public record Answer(int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The body as JSON; fails the test, showing the body, when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("Body is not JSON (status " + status + "): " + body, e);
        } catch (UncheckedIOException e) {
            throw new AssertionError("Body is not readable: " + body, e);
        }
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + body;
    }
}
