package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every grant and every kind of refusal against the deployed WAR, with Tollgate logging at FINE, then
 * reads every log file of the server: no password, client secret, Basic credential, access or refresh
 * token may appear in any of them.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogSecrecyIT {

    /** The server's log directory: tollgate.it.server.logs where set (Payara's domain), else Tomcat's. */
    private static final Path LOGS = Path.of(System.getProperty("tollgate.it.server.logs",
            System.getProperty("tollgate.it.catalina.base") + "/logs"));
    private final List<String> secrets = new ArrayList<>();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    private Answer post(Encoding encoding, Fields fields, String authorization) {
        if (authorization != null) {
            secrets.add(authorization.substring("Basic ".length()));
        }
        Answer answer = new TokenEndpoint(base).post(encoding, fields, authorization);
        if (answer.status() == 200) {
            answer.json().properties().forEach(field -> {
                if (field.getKey().endsWith("_token") && field.getKey().length() > "_token".length()) {
                    secrets.add(field.getValue().asText());
                }
            });
        }
        return answer;
    }

    @Test
    void whenEveryGrantAndRefusalHasRunThenNoLogLineHoldsASecret() throws Exception {
        String earlier = settledLogs();
        String stranger = "log-secrecy-" + UUID.randomUUID();
        secrets.addAll(List.of("app-secret", "service-secret", "alice-password", "bob-password",
                "wrong-password-7f3a", "s3cret with spaces:+%&", "disabled-secret", "not-the-secret-91c2"));
        String app = TokenEndpoint.basic("app", "app-secret");
        for (Encoding encoding : Encoding.values()) {
            Answer password = post(encoding, Fields.of("grant_type", "password", "username", "alice",
                    "password", "alice-password"), app);
            assertEquals(200, password.status(), password.toString());
            String refresh = password.json().get("refresh_token").asText();
            assertEquals(200, post(encoding, Fields.of("grant_type", "refresh_token", "refresh_token", refresh),
                    app).status());
            // a replay: refused, logged as a warning, revokes the family
            assertEquals(400, post(encoding, Fields.of("grant_type", "refresh_token", "refresh_token", refresh),
                    app).status());
            assertEquals(200, post(encoding, Fields.of("grant_type", "client_credentials", "client_id", "service",
                    "client_secret", "service-secret"), null).status());
            assertEquals(200, post(encoding, Fields.of("grant_type", "client_credentials"),
                    TokenEndpoint.basic("odd:client", "s3cret with spaces:+%&")).status());
            post(encoding, Fields.of("grant_type", "password", "username", "alice", "password", "wrong-password-7f3a"),
                    app);
            post(encoding, Fields.of("grant_type", "password", "username", "bob", "password", "bob-password"), app);
            post(encoding, Fields.of("grant_type", "password", "username", stranger, "password", "x-" + stranger),
                    app);
            post(encoding, Fields.of("grant_type", "client_credentials"), TokenEndpoint.basic("app",
                    "not-the-secret-91c2"));
            post(encoding, Fields.of("grant_type", "client_credentials", "client_id", "disabled-client",
                    "client_secret", "disabled-secret"), null);
            post(encoding, Fields.of("grant_type", "client_credentials", "client_secret", "app-secret"), app);
            post(encoding, Fields.of("grant_type", "refresh_token", "refresh_token", "forged-refresh-5d1e"), app);
            secrets.add("forged-refresh-5d1e");
        }
        secrets.add("x-" + stranger);
        // RFC 6749 keeps credentials out of URLs; a client that puts them there is refused before Jersey
        // reads the query, and an access log configured as README says (%U, not %r) has no query either
        secrets.add("query-secret-4b9e");
        Answer inUrl = new TokenEndpoint(base).send(HttpRequest.newBuilder(URI.create(base
                        + "oauth/token?grant_type=client_credentials&client_id=service&client_secret=query-secret-4b9e"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.noBody()).build());
        assertEquals(400, inUrl.status(), inUrl.toString());
        // a query string that names no OAuth parameter is ignored; Jersey, given it beside an empty form, would
        // log a warning quoting the whole URL (and so whatever a client put there) if Tollgate let it see it
        secrets.add("query-marker-7c1d");
        Answer ignored = new TokenEndpoint(base).send(HttpRequest.newBuilder(URI.create(base
                        + "oauth/token?note=query-marker-7c1d")).header("Authorization", app)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.noBody()).build());
        assertEquals(400, ignored.status(), ignored.toString());
        String logs = settledLogs();
        // lines of this test's own requests, not only of the classes before it
        assertTrue(logs.contains("user=" + stranger), "the capture must hold this test's audit lines");
        assertTrue(count(logs, "Refresh token replay") > count(earlier, "Refresh token replay"),
                "the capture must hold this test's warnings");
        assertTrue(count(logs, "Token request refused") > count(earlier, "Token request refused"),
                "the capture must hold this test's FINE lines");
        for (String secret : secrets) {
            assertFalse(logs.contains(secret), "a log file holds a secret of length " + secret.length());
        }
    }

    private static int count(String text, String line) {
        int count = 0;
        for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
            count++;
        }
        return count;
    }

    /** Every log file's text, once the asynchronous handlers have stopped writing. */
    private static String settledLogs() throws IOException, InterruptedException {
        return Settled.value(LogSecrecyIT::readLogs);
    }

    private static String readLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
