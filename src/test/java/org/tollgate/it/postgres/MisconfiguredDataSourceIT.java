package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;
import org.tollgate.it.lifecycle.ServerLog;

/**
 * A DataSource that the database refuses (its password is not the database's) at deploy time: the
 * deployment succeeds, the server log names that DataSource once, the token endpoint answers 503
 * temporarily_unavailable, and once the database accepts the DataSource's credentials (here the DBA sets
 * the role's password to the one configured) Tollgate starts by itself, with no redeploy. The DataSource is
 * the application's own (META-INF/context.xml), named by the {@code datasource} setting as a JNDI
 * environment entry, as a Tomcat admin may configure it; Tomcat only.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
class MisconfiguredDataSourceIT {

    private static final String DEPLOYMENT = "misconfigured-datasource";
    private static final String JNDI_NAME = "java:comp/env/jdbc/misconfigured";
    private static final String CONFIGURED_PASSWORD = "mistyped-in-context-xml";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        String port = System.getProperty(PostgresSession.PORT);
        return TollgateDeployment.war().addAsManifestResource(new StringAsset("""
                <Context>
                  <Environment name="tollgate/datasource" value="%s" type="java.lang.String"/>
                  <Resource name="jdbc/misconfigured" auth="Container" type="javax.sql.DataSource"
                            driverClassName="org.postgresql.Driver"
                            url="jdbc:postgresql://127.0.0.1:%s/%s?connectTimeout=5"
                            username="%s" password="%s" maxTotal="5" maxWaitMillis="10000"
                            closeMethod="close"/>
                </Context>
                """.formatted(JNDI_NAME, port, PostgresCluster.DATABASE, PostgresCluster.USER,
                CONFIGURED_PASSWORD)), "context.xml");
    }

    @Test
    void whenTheDatabaseRefusesTheDataSourceThenTemporarilyUnavailableUntilItAcceptsItThenTokens()
            throws Exception {
        PostgresCluster postgres = PostgresSession.cluster();
        TokenEndpoint endpoint = new TokenEndpoint(URI.create(System.getProperty("tollgate.it.issuer") + "/").toURL());
        ServerLog log = ServerLog.fromNow();
        deployer.deploy(DEPLOYMENT);
        try {
            for (int i = 0; i < 3; i++) {
                assertError(Recovery.askForToken(endpoint), 503, "temporarily_unavailable");
            }
            setPassword(postgres, PostgresCluster.PASSWORD, CONFIGURED_PASSWORD);
            try {
                assertTokenAnswer(Recovery.await(endpoint), false);
            } finally {
                setPassword(postgres, CONFIGURED_PASSWORD, PostgresCluster.PASSWORD);
            }
            List<String> said = log.lines().stream()
                    .filter(line -> line.contains(JNDI_NAME) && line.contains("503"))
                    .toList();
            assertEquals(1, said.size(), "one log line names the refused DataSource: " + log.lines());
            assertTrue(said.get(0).contains("WARNING"), said.get(0));
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(CONFIGURED_PASSWORD)),
                    "no log line shows the DataSource's password");
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    /** What the DBA does: a role may change its own password. */
    private static void setPassword(PostgresCluster postgres, String current, String next) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresCluster.USER, current);
             Statement sql = connection.createStatement()) {
            sql.execute("ALTER ROLE " + PostgresCluster.USER + " PASSWORD '" + next + "'");
        }
    }
}
