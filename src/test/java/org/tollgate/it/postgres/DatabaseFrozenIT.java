package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
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
        assertEquals(200, Recovery.health(endpoint).status(), "before");
        postgres.freeze();
        try {
            for (int i = 0; i < 3; i++) {
                Answer answer = Recovery.health(endpoint);
                assertEquals(503, answer.status(), "while frozen, probe " + i + ": " + answer);
                assertEquals("{\"status\":\"DOWN\"}", answer.body());
            }
        } finally {
            postgres.thaw();
        }
        Answer after = Recovery.await(() -> Recovery.health(endpoint));
        assertEquals(200, after.status(), "after: " + after);
    }
}
