package org.tollgate.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A plain HTTP client of the token endpoint, and a resource server's check of its access tokens. */
final class TokenClient {

    /** Tollgate's default issuer and audience: the stock test sets neither. */
    static final String DEFAULT_ISSUER = "http://localhost:8080";
    private static final Set<String> REQUIRED_CLAIMS =
            Set.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope");

    /** One answer of the token endpoint. */
    record Answer(int status, HttpResponse<String> response, JsonNode json) {

        String text(String field) {
            JsonNode value = json.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        Answer assertOk() {
            assertEquals(200, status, () -> "expected a token, got " + status + " " + response.body());
            assertEquals("application/json;charset=UTF-8",
                    response.headers().firstValue("Content-Type").orElse(null), "Content-Type");
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null), "Cache-Control");
            assertEquals("Bearer", text("token_type"), "token_type");
            return this;
        }

        Answer assertError(int expectedStatus, String error) {
            assertEquals(expectedStatus, status, () -> "status of " + response.body());
            assertEquals(error, text("error"), () -> "error of " + response.body());
            return this;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StockTomcat tomcat;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TokenClient(StockTomcat tomcat) {
        this.tomcat = tomcat;
    }

    /** client_secret_basic, id and secret form-urlencoded first (RFC 6749 §2.3.1). */
    Answer postBasic(String clientId, String secret, String... fields) throws IOException, InterruptedException {
        String credentials = encode(clientId) + ":" + encode(secret);
        return post("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
                fields);
    }

    /** client_secret_post, or a public client when the fields carry client_id alone. */
    Answer post(String... fields) throws IOException, InterruptedException {
        return post(null, fields);
    }

    /** The key ids of the JWK set served now. */
    Set<String> jwksKids() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tomcat.uri("/oauth/jwks"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET /oauth/jwks");
        Set<String> kids = new TreeSet<>();
        JSON.readTree(response.body()).get("keys").forEach(key -> kids.add(key.get("kid").asText()));
        assertFalse(kids.isEmpty(), () -> "no signing key published: " + response.body());
        return kids;
    }

    /** Verifies as a resource server would, against the JWK set served now: a new key source each time. */
    JWTClaimsSet verify(String accessToken, String subject, String clientId) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        try {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    JWKSourceBuilder.create(tomcat.uri("/oauth/jwks").toURL()).retrying(false).build()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(DEFAULT_ISSUER,
                    new JWTClaimsSet.Builder().issuer(DEFAULT_ISSUER).subject(subject).claim("client_id", clientId)
                            .build(), REQUIRED_CLAIMS));
            return processor.process(accessToken, null);
        } catch (IOException | ParseException | BadJOSEException | JOSEException e) {
            throw new AssertionError("a resource server rejects the access token: " + e.getMessage(), e);
        }
    }

    private Answer post(String authorization, String... fields) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(tomcat.uri("/oauth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        JsonNode json = isJson ? parse(response) : JSON.createObjectNode();
        return new Answer(response.statusCode(), response, json);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
