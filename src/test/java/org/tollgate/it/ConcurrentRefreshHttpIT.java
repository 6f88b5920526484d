package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fifty HTTP requests present one live refresh token at once, twenty times: each time exactly one gets
 * new tokens, the other forty-nine get invalid_grant, and introspection then finds the presented token
 * dead. (Those that read it after the winner committed are replays and revoke the family, the winner's
 * new token with it: README, Decisions.) Runs against every server and database the suite runs on.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConcurrentRefreshHttpIT {

    private static final int CONCURRENT = 50;
    private static final int ROUNDS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    private HttpRequest post(String path, String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", TokenEndpoint.basic("app", "app-secret"))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    }

    private String field(HttpResponse<String> response, String name) throws Exception {
        return JSON.readTree(response.body()).path(name).asText();
    }

    private boolean active(String token) throws Exception {
        HttpResponse<String> answer = http.send(post("oauth/introspect", "token", token),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).path("active").asBoolean();
    }

    @Test
    void whenFiftyRequestsPresentOneRefreshTokenThenExactlyOneWinsAndThePresentedTokenIsDead() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            HttpResponse<String> login = http.send(post("oauth/token", "grant_type", "password",
                    "username", "alice", "password", "alice-password"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            String token = field(login, "refresh_token");

            List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                racing.add(http.sendAsync(post("oauth/token", "grant_type", "refresh_token", "refresh_token", token),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<String> winners = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : racing) {
                HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    winners.add(field(response, "refresh_token"));
                } else {
                    assertEquals(400, response.statusCode(), response.body());
                    assertEquals("invalid_grant", field(response, "error"));
                }
            }
            assertEquals(1, winners.size(), "round " + round);
            assertEquals(false, active(token), "round " + round + ": the presented token is dead");
        }
    }
}
