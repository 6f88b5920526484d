package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Registered.SERVICE;
import static org.tollgate.it.Registered.SERVICE_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.tollgate.it.Answer;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;

/** Asks a Tollgate whose database is away for a token, and waits for it to answer anything but 503. */
final class Recovery {

    private static final Fields CLIENT_CREDENTIALS = Fields.of("grant_type", "client_credentials");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HEALTH_ANSWERS_WITHIN = Duration.ofSeconds(8);

    private Recovery() {
    }

    /** One client_credentials request of the registered service client. */
    static Answer askForToken(TokenEndpoint endpoint) {
        return endpoint.post(Encoding.FORM, CLIENT_CREDENTIALS, basic(SERVICE, SERVICE_SECRET));
    }

    /** 503 temporarily_unavailable with Retry-After: what a client is told while the database is away. */
    static void assertUnavailable(Answer answer) {
        assertError(answer, 503, "temporarily_unavailable");
        assertTrue(answer.header("Retry-After").isPresent(), () -> "503 without Retry-After: " + answer);
    }

    /**
     * GET /health, as a load balancer asks: with a bound far above the check's own 2 s and far below the waits
     * of a pool and a driver on a hung database, which it must not pass on.
     */
    static Answer health(TokenEndpoint endpoint) {
        return endpoint.send(HttpRequest.newBuilder(URI.create(System.getProperty("tollgate.it.issuer") + "/health"))
                .timeout(HEALTH_ANSWERS_WITHIN).GET().build());
    }

    /** The first client_credentials answer that is not a 503, or the last 503 after a minute. */
    static Answer await(TokenEndpoint endpoint) throws InterruptedException {
        return await(() -> askForToken(endpoint));
    }

    /** The request's first answer that is not a 503, or the last 503 after a minute. */
    static Answer await(Supplier<Answer> request) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            Answer answer = request.get();
            if (answer.status() != 503 || Instant.now().isAfter(deadline)) {
                return answer;
            }
            Thread.sleep(500);
        }
    }
}
