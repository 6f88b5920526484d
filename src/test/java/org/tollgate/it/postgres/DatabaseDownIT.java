package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.SERVICE;
import static org.tollgate.it.Registered.SERVICE_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.Answer;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;
import org.tollgate.it.lifecycle.ServerLog;

/**
 * The WAR deployed while its PostgreSQL is down: the deployment succeeds, the server log says once which
 * DataSource cannot be reached, the token endpoint answers 503 temporarily_unavailable and /health 503, and
 * once the database is up again Tollgate starts by itself (migrations, import, keys), serves and is UP, with
 * no redeploy.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
class DatabaseDownIT {

    private static final String DEPLOYMENT = "deployed-while-database-down";
    /** The JNDI name Tollgate is told to use: tollgate.it.datasource where set, else the resource-ref's. */
    private static final String DATASOURCE = System.getProperty("tollgate.it.datasource", "java:comp/env/jdbc/tollgate");

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenTheDatabaseIsDownAtDeployThenTemporarilyUnavailableUntilItIsBackThenTokens() throws Exception {
        PostgresCluster postgres = PostgresSession.cluster();
        TokenEndpoint endpoint = new TokenEndpoint(URI.create(System.getProperty("tollgate.it.issuer") + "/").toURL());
        ServerLog log = ServerLog.fromNow();
        postgres.stop();
        try {
            deployer.deploy(DEPLOYMENT);
            for (int i = 0; i < 3; i++) {
                assertError(Recovery.askForToken(endpoint), 503, "temporarily_unavailable");
            }
            assertEquals(503, Recovery.health(endpoint).status(), "a load balancer sees the node DOWN");
            assertError(endpoint.post(Encoding.FORM, Fields.of("grant_type", "password", "grant_type", "password"),
                    basic(SERVICE, SERVICE_SECRET)), 400, "invalid_request");
        } finally {
            postgres.start();
        }
        try {
            Answer up = Recovery.await(endpoint);
            assertTokenAnswer(up, false);
            Answer health = Recovery.health(endpoint);
            assertEquals(200, health.status(), health.toString());
            assertTrue(health.body().contains("\"UP\""), health.toString());
            List<String> said = log.lines().stream()
                    .filter(line -> line.contains(DATASOURCE) && line.contains("503"))
                    .toList();
            assertEquals(1, said.size(), "one log line names the unreachable DataSource: " + log.lines());
            assertTrue(said.get(0).contains("WARNING"), said.get(0));
            assertTrue(migratedAndImported(postgres), "the schema and the import are in PostgreSQL");
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static boolean migratedAndImported(PostgresCluster postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresCluster.USER,
                PostgresCluster.PASSWORD);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM clients WHERE client_id = '" + SERVICE + "'")) {
            return rows.next() && rows.getInt(1) == 1;
        }
    }
}
