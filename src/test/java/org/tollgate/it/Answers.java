package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Assertions on what RFC 6749 (sections 5.1 and 5.2) and the contract say every answer looks like. */
public final class Answers {

    private static final Set<String> TOKEN_FIELDS = Set.of("access_token", "token_type", "expires_in", "scope");
    private static final Set<String> ERROR_FIELDS = Set.of("error", "error_description");
    /** RFC 6749 section 5.2: error_description is printable ASCII without '"' and '\'. */
    private static final Pattern DESCRIPTION_CHARS = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    /** What an internal failure would leak: exception names, stack frames, SQL, framework packages. */
    private static final Pattern LEAK = Pattern.compile(
            "(?i)exception|throwable|caused by|\\bat [a-z_$][\\w$]*\\.|java\\.|jakarta\\.|javax\\."
            + "|org\\.(tollgate|hibernate|glassfish|h2|apache|flywaydb)|com\\.(fasterxml|nimbusds)|\\bsql\\b|select |insert ");

    private Answers() {
    }

    /**
     * A 200 token answer with exactly the allowed fields.
     *
     * @return the body
     */
    public static JsonNode assertTokenAnswer(Answer answer, boolean withRefreshToken) {
        assertEquals(200, answer.status(), () -> "expected a token answer, got " + answer);
        assertNoStoreJson(answer);
        JsonNode body = answer.json();
        Set<String> expected = new TreeSet<>(TOKEN_FIELDS);
        if (withRefreshToken) {
            expected.add("refresh_token");
        }
        assertEquals(expected, fieldNames(body), () -> "token answer fields: " + answer.body());
        assertTextual(body, "access_token");
        assertEquals("Bearer", body.get("token_type").asText(), "token_type");
        assertTrue(body.get("expires_in").isIntegralNumber() && body.get("expires_in").asLong() > 0,
                () -> "expires_in must be a positive whole number: " + answer.body());
        assertTextual(body, "scope");
        if (withRefreshToken) {
            assertTextual(body, "refresh_token");
            // opaque and high-entropy: not a JWT and not short
            String refresh = body.get("refresh_token").asText();
            assertTrue(refresh.length() >= 22, () -> "refresh token too short for 128 bits: " + refresh);
            assertFalse(refresh.equals(body.get("access_token").asText()), "refresh token equals access token");
        }
        return body;
    }

    /** The granted scope of a token answer, as a set. */
    public static Set<String> scope(JsonNode tokenAnswer) {
        return scope(tokenAnswer.get("scope").asText());
    }

    public static Set<String> scope(String scope) {
        return new TreeSet<>(Arrays.asList(scope.split(" ")));
    }

    /**
     * An RFC 6749 section 5.2 error answer: the status, no-store JSON, exactly error and error_description,
     * and nothing that betrays the server's insides.
     */
    public static JsonNode assertError(Answer answer, int status, String error) {
        return assertError(answer, Set.of(status), error);
    }

    public static JsonNode assertError(Answer answer, Set<Integer> statuses, String error) {
        return assertError(answer, statuses, Set.of(error));
    }

    /** For requests where the contract lets the server choose among a few status codes or errors. */
    public static JsonNode assertError(Answer answer, Set<Integer> statuses, Set<String> errors) {
        assertTrue(statuses.contains(answer.status()),
                () -> "expected status " + statuses + " with " + errors + ", got " + answer);
        assertNoStoreJson(answer);
        JsonNode body = answer.json();
        assertEquals(ERROR_FIELDS, fieldNames(body), () -> "error answer fields: " + answer.body());
        assertTrue(errors.contains(body.get("error").asText()), () -> "expected error " + errors + ": " + answer.body());
        assertTextual(body, "error_description");
        String description = body.get("error_description").asText();
        assertTrue(DESCRIPTION_CHARS.matcher(description).matches(),
                () -> "error_description has characters RFC 6749 5.2 forbids: " + description);
        assertFalse(LEAK.matcher(answer.body()).find(), () -> "error answer leaks internals: " + answer.body());
        if (answer.status() == 401) {
            String challenge = answer.header("WWW-Authenticate").orElse("");
            assertTrue(challenge.toLowerCase(Locale.ROOT).startsWith("basic ") && challenge.contains("realm="),
                    () -> "a 401 must carry WWW-Authenticate: Basic realm=...; got " + answer);
        }
        return body;
    }

    /** Content-Type application/json;charset=UTF-8, Cache-Control: no-store, Pragma: no-cache. */
    public static void assertNoStoreJson(Answer answer) {
        String contentType = answer.header("Content-Type").orElse("");
        String[] parts = contentType.split(";");
        assertEquals("application/json", parts[0].trim().toLowerCase(Locale.ROOT), () -> "Content-Type: " + answer);
        Set<String> parameters = Arrays.stream(parts).skip(1)
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertTrue(parameters.contains("charset=utf-8"), () -> "Content-Type without charset=UTF-8: " + answer);
        Set<String> cacheControl = Arrays.stream(answer.header("Cache-Control").orElse("").split(","))
                .map(d -> d.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertTrue(cacheControl.contains("no-store"), () -> "Cache-Control must be no-store: " + answer);
        assertEquals("no-cache", answer.header("Pragma").orElse(null), () -> "Pragma: " + answer);
    }

    private static Set<String> fieldNames(JsonNode body) {
        assertTrue(body.isObject(), () -> "not a JSON object: " + body);
        Set<String> names = new TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertTextual(JsonNode body, String field) {
        JsonNode value = body.get(field);
        assertTrue(value != null && value.isTextual() && !value.asText().isBlank(),
                () -> field + " must be a non-empty string: " + body);
    }
}
