package org.tollgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Real HTTP to the deployed token endpoint through the JDK's client; every request is time-bounded. */
public final class TokenEndpoint {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI token;
    private final URI jwks;

    /** @param base the deployment's URL, as Arquillian injects it */
    public TokenEndpoint(URL base) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        this.token = URI.create(root + "oauth/token");
        this.jwks = URI.create(root + "oauth/jwks");
    }

    public URI tokenUri() {
        return token;
    }

    public URI jwksUri() {
        return jwks;
    }

    /** client_secret_basic: id and secret form-urlencoded, then joined and base64-encoded (RFC 6749 2.3.1). */
    public static String basic(String clientId, String secret) {
        String pair = Encoding.formEncode(clientId) + ":" + Encoding.formEncode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public Answer post(Encoding encoding, Fields fields) {
        return post(encoding, fields, null);
    }

    /** @param authorization the Authorization header, or null for none */
    public Answer post(Encoding encoding, Fields fields, String authorization) {
        Encoding.Body body = encoding.encode(fields);
        return post(body.contentType(), body.bytes(), authorization);
    }

    /** @param contentType the Content-Type header, or null to send none */
    public Answer post(String contentType, byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(token).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** The same POST sent {@code count} times at once, on separate connections; the answers in order. */
    public List<Answer> postConcurrently(int count, String contentType, byte[] body, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(token).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pending.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : pending) {
            HttpResponse<String> response = answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
            answers.add(new Answer(response.statusCode(), response.headers(), response.body()));
        }
        return answers;
    }

    /** A POST whose body has no declared length, so it goes out chunked. */
    public Answer postStreamed(String contentType, Supplier<InputStream> body) {
        return send(HttpRequest.newBuilder(token).timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build());
    }

    /** Any method, with no body. */
    public Answer call(String method) {
        return send(HttpRequest.newBuilder(token).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("No HTTP answer from " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + request.uri(), e);
        }
    }
}
