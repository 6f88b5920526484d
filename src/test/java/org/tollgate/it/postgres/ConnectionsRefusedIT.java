package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
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
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * Fault drill: PostgreSQL up, but refusing Tollgate every new connection for lack of a resource, as a
 * database shared with other applications does once they hold all of max_connections (here the role's
 * connection limit, set to 0, with the sessions it had ended: the same FATAL, SQL state 53300). Each grant
 * that needs the database answers 503 temporarily_unavailable with Retry-After, never a 500, and so does the
 * metadata document (its scopes come from the client table); /health answers 503; the refresh token the
 * client holds is left as it was; once PostgreSQL takes connections again, the first request with that
 * refresh token gets a token answer, with no redeploy: the server's pool gives it no connection that the
 * refusal cut (TomEE's pool skips its check for 3 s after a connection's last one unless its
 * ValidationInterval is 0, as tomee-config sets it).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectionsRefusedIT {

    private static final Fields LOGIN = Fields.of("grant_type", "password", "username", ALICE,
            "password", ALICE_PASSWORD);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenPostgresqlRefusesNewConnectionsThen503UntilItTakesThemAgain() throws Exception {
        PostgresCluster postgres = PostgresSession.cluster();
        TokenEndpoint endpoint = new TokenEndpoint(base);
        String held = assertTokenAnswer(endpoint.post(Encoding.FORM, LOGIN, basic(APP, APP_SECRET)), true)
                .get("refresh_token").asText();
        Answer first;
        postgres.refuseConnections(PostgresCluster.USER);
        try {
            // not client_credentials: the client cache may know the client, and then it needs no database
            for (int i = 0; i < 3; i++) {
                Recovery.assertUnavailable(refresh(endpoint, held));
                Recovery.assertUnavailable(endpoint.post(Encoding.FORM, LOGIN, basic(APP, APP_SECRET)));
            }
            assertEquals(503, Recovery.health(endpoint).status(), "a load balancer sees the node DOWN");
            Recovery.assertUnavailable(endpoint.send(HttpRequest.newBuilder(URI.create(
                    System.getProperty("tollgate.it.issuer") + "/.well-known/oauth-authorization-server"))
                    .GET().build()));
        } finally {
            postgres.acceptConnections(PostgresCluster.USER);
            long accepted = System.nanoTime();
            first = refresh(endpoint, held);
            System.out.printf("ConnectionsRefusedIT: first answer, %d, %d ms after PostgreSQL took connections%n",
                    first.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepted));
            if (first.status() == 503) {
                // the classes after this one share the running Tollgate: let it recover before failing below.
                // The same token: a 503 leaves it unused
                Recovery.await(() -> refresh(endpoint, held));
            }
        }
        // the pool validates what it hands out, so no connection the refusal cut reaches a request; and a 503
        // rotated nothing: the token held through the refusal is the one that works, and so does its successor
        assertTokenAnswer(first, true);
        assertTokenAnswer(refresh(endpoint, first.json().get("refresh_token").asText()), true);
    }

    private static Answer refresh(TokenEndpoint endpoint, String refreshToken) {
        return endpoint.post(Encoding.FORM, Fields.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                basic(APP, APP_SECRET));
    }
}
