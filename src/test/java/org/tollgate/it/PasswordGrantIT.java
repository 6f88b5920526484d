package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.Registered.BOB;
import static org.tollgate.it.Registered.BOB_PASSWORD;
import static org.tollgate.it.Registered.NO_REFRESH;
import static org.tollgate.it.Registered.NO_REFRESH_SECRET;
import static org.tollgate.it.Registered.SERVICE;
import static org.tollgate.it.Registered.SERVICE_SECRET;
import static org.tollgate.it.Registered.SPA;
import static org.tollgate.it.Registered.ZOE;
import static org.tollgate.it.Registered.ZOE_PASSWORD;
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

/** grant_type=password (RFC 6749 section 4.3) on the deployed WAR. */
@ExtendWith(ArquillianExtension.class)
class PasswordGrantIT {

    private static final String GRANT = "password";

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

    private static Fields alice() {
        return Fields.of("grant_type", GRANT, "username", ALICE, "password", ALICE_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenValidCredentialsThenAccessTokenForTheUserAndRefreshToken(Encoding encoding) {
        Answer answer = endpoint.post(encoding, alice(), basic(APP, APP_SECRET));

        JsonNode body = assertTokenAnswer(answer, true);
        assertEquals(Set.of("read", "write"), Answers.scope(body), "no scope requested: all registered scope");
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, APP,
                Set.of("read", "write"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenNonAsciiCredentialsThenTheyAreReadAsUtf8(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "username", ZOE, "password", ZOE_PASSWORD),
                basic(APP, APP_SECRET));

        JsonNode body = assertTokenAnswer(answer, true);
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ZOE, APP,
                Set.of("read", "write"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientMayNotRefreshThenNoRefreshToken(Encoding encoding) {
        Answer answer = endpoint.post(encoding, alice(), basic(NO_REFRESH, NO_REFRESH_SECRET));

        JsonNode body = assertTokenAnswer(answer, false);
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, NO_REFRESH,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenPublicClientSendsOnlyItsIdThenTokens(Encoding encoding) {
        Answer answer = endpoint.post(encoding, alice().and("client_id", SPA));

        JsonNode body = assertTokenAnswer(answer, true);
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, SPA,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenScopeSubsetRequestedThenOnlyThatScopeGranted(Encoding encoding) {
        Answer answer = endpoint.post(encoding, alice().and("scope", "read"), basic(APP, APP_SECRET));

        JsonNode body = assertTokenAnswer(answer, true);
        assertEquals(Set.of("read"), Answers.scope(body));
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, APP,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenScopeOutsideRegistrationThenInvalidScope(Encoding encoding) {
        Answer answer = endpoint.post(encoding, alice().and("scope", "read admin"), basic(APP, APP_SECRET));

        assertError(answer, 400, "invalid_scope");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenWrongPasswordUnknownUserOrDisabledUserThenOneAndTheSameInvalidGrant(Encoding encoding) {
        String client = basic(APP, APP_SECRET);
        Answer wrongPassword = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "username", ALICE, "password", "not-" + ALICE_PASSWORD), client);
        Answer unknownUser = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "username", "mallory", "password", ALICE_PASSWORD), client);
        Answer disabledUser = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "username", BOB, "password", BOB_PASSWORD), client);

        JsonNode expected = assertError(wrongPassword, 400, "invalid_grant");
        assertEquals(expected, assertError(unknownUser, 400, "invalid_grant"), "unknown user must look like a wrong password");
        assertEquals(expected, assertError(disabledUser, 400, "invalid_grant"), "disabled user must look like a wrong password");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenUsernameMissingThenInvalidRequest(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "password", ALICE_PASSWORD),
                basic(APP, APP_SECRET));

        assertError(answer, 400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenPasswordMissingThenInvalidRequest(Encoding encoding) {
        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "username", ALICE),
                basic(APP, APP_SECRET));

        assertError(answer, 400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientNotRegisteredForTheGrantThenUnauthorizedClient(Encoding encoding) {
        Answer answer = endpoint.post(encoding,
                alice().and("client_id", SERVICE).and("client_secret", SERVICE_SECRET));

        assertError(answer, 400, "unauthorized_client");
    }
}
