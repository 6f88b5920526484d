package org.tollgate.it;

import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.Registered.DISABLED_CLIENT;
import static org.tollgate.it.Registered.DISABLED_CLIENT_SECRET;
import static org.tollgate.it.Registered.ODD_CLIENT;
import static org.tollgate.it.Registered.ODD_CLIENT_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Client authentication (RFC 6749 section 2.3), the same for every grant; client_credentials shows it. */
@ExtendWith(ArquillianExtension.class)
class ClientAuthenticationIT {

    private static final Fields CLIENT_CREDENTIALS = Fields.of("grant_type", "client_credentials");

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

    private Answer posted(Encoding encoding, String clientId, String secret) {
        return endpoint.post(encoding, CLIENT_CREDENTIALS.and("client_id", clientId).and("client_secret", secret));
    }

    private static String rawBasic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicIdAndSecretAreFormUrlencodedThenAuthenticated(Encoding encoding) {
        Answer answer = endpoint.post(encoding, CLIENT_CREDENTIALS, basic(ODD_CLIENT, ODD_CLIENT_SECRET));

        JsonNode body = assertTokenAnswer(answer, false);
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ODD_CLIENT, ODD_CLIENT,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicEncodesSpacesAsPercent20ThenAuthenticated(Encoding encoding) {
        // many clients percent-encode with %20 rather than '+'; form-urldecoding reads both
        String pair = Encoding.formEncode(ODD_CLIENT) + ":" + Encoding.formEncode(ODD_CLIENT_SECRET).replace("+", "%20");
        assertTokenAnswer(endpoint.post(encoding, CLIENT_CREDENTIALS, rawBasic(pair)), false);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientSecretPostWithOddCharactersThenAuthenticated(Encoding encoding) {
        JsonNode body = assertTokenAnswer(posted(encoding, ODD_CLIENT, ODD_CLIENT_SECRET), false);
        new AccessTokens(endpoint).verify(body.get("access_token").asText(), ODD_CLIENT, ODD_CLIENT,
                Set.of("read"), body.get("expires_in").asLong());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicClientUsesClientSecretPostThenAuthenticated(Encoding encoding) {
        // app is registered with client_secret_basic; a client with a secret may use either method
        assertTokenAnswer(posted(encoding, APP, APP_SECRET), false);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicSchemeInAnyCaseThenAuthenticated(Encoding encoding) {
        // RFC 9110 11.1: the scheme name is case-insensitive
        String credentials = basic(APP, APP_SECRET).substring("Basic ".length());
        assertTokenAnswer(endpoint.post(encoding, CLIENT_CREDENTIALS, "basic " + credentials), false);
        assertTokenAnswer(endpoint.post(encoding, CLIENT_CREDENTIALS, "BASIC " + credentials), false);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicAndTheSameClientIdFieldThenAuthenticated(Encoding encoding) {
        // RFC 6749 3.2.1: a client MAY name itself with client_id; that is not a second method
        assertTokenAnswer(endpoint.post(encoding, CLIENT_CREDENTIALS.and("client_id", APP), basic(APP, APP_SECRET)), false);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicHeaderAndClientSecretFieldBothSentThenInvalidRequest(Encoding encoding) {
        Answer answer = endpoint.post(encoding, CLIENT_CREDENTIALS.and("client_id", APP).and("client_secret", APP_SECRET),
                basic(APP, APP_SECRET));

        assertError(answer, 400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicSecretWrongThenInvalidClientWithChallenge(Encoding encoding) {
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS, basic(APP, "wrong-secret")), 401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenPostedSecretWrongThenInvalidClient(Encoding encoding) {
        assertError(posted(encoding, APP, "wrong-secret"), 401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientUnknownThenInvalidClient(Encoding encoding) {
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS, basic("nobody", "secret")), 401, "invalid_client");
        assertError(posted(encoding, "nobody", "secret"), 401, "invalid_client");
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS.and("client_id", "nobody")), 401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenNoClientAuthenticationThenInvalidClient(Encoding encoding) {
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS), 401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenConfidentialClientSendsOnlyItsIdThenInvalidClient(Encoding encoding) {
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS.and("client_id", APP)), 401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenClientDisabledThenInvalidClient(Encoding encoding) {
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS, basic(DISABLED_CLIENT, DISABLED_CLIENT_SECRET)),
                401, "invalid_client");
        assertError(posted(encoding, DISABLED_CLIENT, DISABLED_CLIENT_SECRET), 401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBasicHeaderMalformedThenInvalidClient(Encoding encoding) {
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS, "Basic not*base64!"), 401, "invalid_client");
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS, rawBasic("no-colon-at-all")), 401, "invalid_client");
        // not form-urlencoded first: the ':' in the id splits it wrongly and "%&" is no valid escape
        assertError(endpoint.post(encoding, CLIENT_CREDENTIALS, rawBasic(ODD_CLIENT + ":" + ODD_CLIENT_SECRET)),
                401, "invalid_client");
    }
}
