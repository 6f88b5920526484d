package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.Answer;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * Fault drill: the database host stops answering (PostgreSQL's processes stopped with SIGSTOP: TCP still
 * accepts, nothing replies). A load balancer asking /health gets 503 DOWN, each time, rather than a request
 * that hangs for as long as the pool and the driver wait (validation, cancel, socket timeouts: tens of
 * seconds); once the host answers again, /health says UP, with no redeploy.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatabaseFrozenIT {

    /** Far above the check's own 2 s, far below the waits it must not pass on to the client. */
    private static final Duration CLIENT_WAITS = Duration.ofSeconds(8);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenTheDatabaseHostStopsAnsweringThenHealthSaysDownAtOnceAndUpAfter() throws Exception {
        PostgresCluster postgres = PostgresSession.cluster();
        TokenEndpoint endpoint = new TokenEndpoint(base);
        assertEquals(200, health(endpoint).status(), "before");
        postgres.freeze();
        try {
            for (int i = 0; i < 3; i++) {
                Answer answer = health(endpoint);
                assertEquals(503, answer.status(), "while frozen, probe " + i + ": " + answer);
                assertEquals("{\"status\":\"DOWN\"}", answer.body());
            }
        } finally {
            postgres.thaw();
        }
        Instant deadline = Instant.now().plusSeconds(60);
        Answer after = health(endpoint);
        while (after.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            after = health(endpoint);
        }
        assertEquals(200, after.status(), "after: " + after);
    }

    private static Answer health(TokenEndpoint endpoint) {
        return endpoint.send(HttpRequest.newBuilder(URI.create(System.getProperty("tollgate.it.issuer") + "/health"))
                .timeout(CLIENT_WAITS).GET().build());
    }
}
