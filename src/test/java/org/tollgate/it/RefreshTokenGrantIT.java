package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.Registered.NO_REFRESH;
import static org.tollgate.it.Registered.NO_REFRESH_SECRET;
import static org.tollgate.it.Registered.SHORT;
import static org.tollgate.it.Registered.SHORT_SECRET;
import static org.tollgate.it.Registered.SPA;
import static org.tollgate.it.TokenEndpoint.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** grant_type=refresh_token (RFC 6749 section 6) with rotation and replay detection (RFC 9700 4.14). */
@ExtendWith(ArquillianExtension.class)
class RefreshTokenGrantIT {

    private static final String GRANT = "refresh_token";
    private static final String APP_CLIENT = basic(APP, APP_SECRET);
    private static final int CONCURRENT = 4;

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

    /** A fresh refresh token from the password grant. */
    private String refreshTokenFor(Encoding encoding, String authorization, Fields extra) {
        Fields fields = Fields.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD);
        for (var field : extra.entries()) {
            fields = fields.and(field.getKey(), field.getValue());
        }
        return assertTokenAnswer(endpoint.post(encoding, fields, authorization), true).get("refresh_token").asText();
    }

    private String refreshTokenFor(Encoding encoding, String authorization) {
        return refreshTokenFor(encoding, authorization, Fields.of());
    }

    private Answer refresh(Encoding encoding, String refreshToken, String authorization) {
        return endpoint.post(encoding, Fields.of("grant_type", GRANT, "refresh_token", refreshToken), authorization);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenRefreshedThenNewTokensAndTheOldRefreshTokenNoLongerWorks(Encoding encoding) {
        String first = refreshTokenFor(encoding, APP_CLIENT);

        JsonNode body = assertTokenAnswer(refresh(encoding, first, APP_CLIENT), true);
        String second = body.get("refresh_token").asText();
        assertNotEquals(first, second, "each use must rotate the refresh token");
        assertEquals(Set.of("read", "write"), Answers.scope(body), "refresh keeps the original scope");
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, APP,
                Set.of("read", "write"), body.get("expires_in").asLong());

        assertError(refresh(encoding, first, APP_CLIENT), 400, "invalid_grant");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenRotatedTokenReplayedThenInvalidGrantAndTheWholeFamilyIsRevoked(Encoding encoding) {
        String first = refreshTokenFor(encoding, APP_CLIENT);
        String second = assertTokenAnswer(refresh(encoding, first, APP_CLIENT), true).get("refresh_token").asText();

        assertError(refresh(encoding, first, APP_CLIENT), 400, "invalid_grant");

        // the token the rotation issued belongs to the replayed family: it must be dead too
        assertError(refresh(encoding, second, APP_CLIENT), 400, "invalid_grant");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenPublicClientRefreshesThenRotatedTokens(Encoding encoding) {
        String first = refreshTokenFor(encoding, null, Fields.of("client_id", SPA));

        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "refresh_token", first, "client_id", SPA));

        JsonNode body = assertTokenAnswer(answer, true);
        assertNotEquals(first, body.get("refresh_token").asText());
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, SPA,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenOneRefreshTokenIsUsedConcurrentlyThenExactlyOneRequestSucceeds(Encoding encoding) {
        String token = refreshTokenFor(encoding, APP_CLIENT);
        Encoding.Body body = encoding.encode(Fields.of("grant_type", GRANT, "refresh_token", token));

        List<Answer> answers = endpoint.postConcurrently(CONCURRENT, body.contentType(), body.bytes(), APP_CLIENT);

        List<Answer> won = answers.stream().filter(a -> a.status() == 200).toList();
        assertEquals(1, won.size(), () -> "exactly one rotation may win: " + answers);
        assertTokenAnswer(won.get(0), true);
        answers.stream().filter(a -> a.status() != 200).forEach(a -> assertError(a, 400, "invalid_grant"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenRefreshTokenOfAnotherClientThenInvalidGrant(Encoding encoding) {
        String appToken = refreshTokenFor(encoding, APP_CLIENT);

        Answer answer = endpoint.post(encoding, Fields.of("grant_type", GRANT, "refresh_token", appToken, "client_id", SPA));

        assertError(answer, 400, "invalid_grant");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenRefreshTokenExpiredThenInvalidGrant(Encoding encoding) throws InterruptedException {
        String client = basic(SHORT, SHORT_SECRET);
        Fields alice = Fields.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD);
        JsonNode issued = assertTokenAnswer(endpoint.post(encoding, alice, client), true);
        assertEquals(60, issued.get("expires_in").asLong(), "the client's own access_token_ttl");
        String token = issued.get("refresh_token").asText();

        Thread.sleep(2_000); // the client "short" has refresh_token_ttl 1 s

        // refused for its age, not as unknown or replayed: the token was a good one until it expired
        JsonNode error = assertError(refresh(encoding, token, client), 400, "invalid_grant");
        assertEquals("The refresh token has expired", error.get("error_description").asText());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenRefreshTokenUnknownThenInvalidGrant(Encoding encoding) {
        assertError(refresh(encoding, "no-such-refresh-token-0123456789abcdef", APP_CLIENT), 400, "invalid_grant");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenRefreshTokenMissingThenInvalidRequest(Encoding encoding) {
        assertError(endpoint.post(encoding, Fields.of("grant_type", GRANT), APP_CLIENT), 400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenScopeNarrowedThenTheAccessTokenCarriesItAndTheRefreshTokenKeepsTheOriginal(Encoding encoding) {
        String token = refreshTokenFor(encoding, APP_CLIENT);

        Answer answer = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "refresh_token", token, "scope", "read"), APP_CLIENT);

        JsonNode body = assertTokenAnswer(answer, true);
        assertEquals(Set.of("read"), Answers.scope(body));
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ALICE, APP,
                Set.of("read"), body.get("expires_in").asLong());
        // RFC 6749 section 6: the new refresh token's scope is identical to that of the one presented
        Answer next = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "refresh_token", body.get("refresh_token").asText()), APP_CLIENT);
        assertEquals(Set.of("read", "write"), Answers.scope(assertTokenAnswer(next, true)));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenScopeWiderThanTheOriginalGrantThenInvalidScope(Encoding encoding) {
        String token = refreshTokenFor(encoding, APP_CLIENT, Fields.of("scope", "read"));

        Answer answer = endpoint.post(encoding,
                Fields.of("grant_type", GRANT, "refresh_token", token, "scope", "read write"), APP_CLIENT);

        assertError(answer, 400, "invalid_scope");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientNotRegisteredForTheGrantThenUnauthorizedClient(Encoding encoding) {
        String token = refreshTokenFor(encoding, APP_CLIENT);

        assertError(refresh(encoding, token, basic(NO_REFRESH, NO_REFRESH_SECRET)), 400, "unauthorized_client");
    }
}
