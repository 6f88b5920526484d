package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.Registered.NO_REFRESH;
import static org.tollgate.it.Registered.NO_REFRESH_SECRET;
import static org.tollgate.it.Registered.SERVICE;
import static org.tollgate.it.Registered.SERVICE_SECRET;
import static org.tollgate.it.Registered.SPA;
import static org.tollgate.it.TokenEndpoint.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** grant_type=client_credentials (RFC 6749 section 4.4) on the deployed WAR. */
@ExtendWith(ArquillianExtension.class)
class ClientCredentialsGrantIT {

    private static final String GRANT = "client_credentials";

    @ArquillianResource
    private URL base;

    private TokenEndpoint endpoint;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @BeforeEach
    void connect() {
        endpoint = new TokenEndpoint(base);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicAuthenticatedThenAccessTokenForTheClientAndNoRefreshToken(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT), basic(APP, APP_SECRET));

        JsonNode body = assertTokenAnswer(answer, false);
        assertEquals(Set.of("read", "write"), Answers.scope(body));
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), APP, APP,
                Set.of("read", "write"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientSecretPostThenAccessTokenForTheClient(Encoding encoding) {
        Answer answer = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "client_id", SERVICE, "client_secret", SERVICE_SECRET));

        JsonNode body = assertTokenAnswer(answer, false);
        assertEquals(Set.of("read"), Answers.scope(body));
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), SERVICE, SERVICE,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenScopeSubsetRequestedThenOnlyThatScopeGranted(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "scope", "write"), basic(APP, APP_SECRET));

        JsonNode body = assertTokenAnswer(answer, false);
        assertEquals(Set.of("write"), Answers.scope(body));
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), APP, APP,
                Set.of("write"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenScopeOutsideRegistrationThenInvalidScope(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "scope", "read admin"),
                basic(APP, APP_SECRET));

        assertError(answer, 400, "invalid_scope");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenPublicClientAsksThenUnauthorizedClient(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "client_id", SPA));

        assertError(answer, 400, "unauthorized_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientNotRegisteredForTheGrantThenUnauthorizedClient(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT), basic(NO_REFRESH, NO_REFRESH_SECRET));

        assertError(answer, 400, "unauthorized_client");
    }
}
