package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * In the executions on PostgreSQL: the deployed WAR really keeps its data in the tests' cluster, reached
 * through the server's DataSource, and not in an embedded H2 beside it. Its signing key and the refresh
 * token it just issued are rows there.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
class ServerDataSourceIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenATokenIsIssuedThenItsKeyAndItsRefreshTokenAreRowsInPostgresql() throws Exception {
        long refreshTokensBefore = count("SELECT count(*) FROM refresh_tokens", null);

        JsonNode body = assertTokenAnswer(new TokenEndpoint(base).post(Encoding.FORM,
                Fields.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD),
                basic(APP, APP_SECRET)), true);

        String kid = SignedJWT.parse(body.get("access_token").asText()).getHeader().getKeyID();
        assertEquals(1, count("SELECT count(*) FROM signing_keys WHERE kid = ?", kid),
                "the signing key " + kid + " is in PostgreSQL");
        assertEquals(refreshTokensBefore + 1, count("SELECT count(*) FROM refresh_tokens", null),
                "the refresh token just issued is in PostgreSQL");
    }

    private static long count(String sql, String parameter) throws Exception {
        PostgresCluster postgres = PostgresSession.cluster();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresCluster.USER,
                PostgresCluster.PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
