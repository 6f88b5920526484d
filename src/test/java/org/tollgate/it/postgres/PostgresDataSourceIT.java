package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
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

/**
 * In the executions on PostgreSQL: the server's DataSource really is the one Tollgate uses. A refresh
 * token issued over HTTP is found, by its SHA-256, in the tests' PostgreSQL cluster, so no embedded H2
 * stands in for it.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
class PostgresDataSourceIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenARefreshTokenIsIssuedThenItsHashIsInPostgreSQL() throws Exception {
        Answer answer = new TokenEndpoint(base).post(Encoding.FORM,
                Fields.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD), basic(APP, APP_SECRET));
        assertEquals(200, answer.status(), answer.toString());
        String refreshToken = answer.json().get("refresh_token").asText();

        PostgresCluster postgres = PostgresSession.cluster();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresCluster.USER,
                PostgresCluster.PASSWORD);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT client_id, username FROM refresh_tokens WHERE token_hash = ?")) {
            query.setString(1, sha256(refreshToken));
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the refresh token's row is in PostgreSQL");
                assertEquals(APP, row.getString("client_id"));
                assertEquals(ALICE, row.getString("username"));
            }
        }
    }

    /** As Tollgate keeps a refresh token: base64url of its SHA-256, unpadded. */
    private static String sha256(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
