package org.tollgate.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.Configuration;
import org.openapitools.client.api.AuthenticationApi;
import org.openapitools.client.models.PutAuth200Response;
import org.tollgate.it.TollgateDeployment;

/**
 * The seed's generated client (AuthenticationApi, built from src/main/openapi/openapi.yaml), used exactly as
 * the seed's example does, against the deployed WAR. Its model is strict: any field Tollgate adds to a
 * token answer makes these calls fail.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeedClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @ArquillianResource
    private URL base;

    private AuthenticationApi apiInstance;

    @BeforeEach
    void seedClient() {
        ApiClient defaultClient = Configuration.getDefaultApiClient();
        // the generated client appends "/oauth/token" to the base path
        defaultClient.setBasePath(base.toString().replaceAll("/+$", ""));
        apiInstance = new AuthenticationApi(defaultClient);
    }

    @Test
    void whenPasswordGrantThenAccessAndRefreshToken() throws Exception {
        PutAuth200Response result = apiInstance.putAuth("password", "app", "app-secret", "read write",
                "alice", "alice-password", null);

        assertEquals("Bearer", result.getTokenType());
        assertEquals(300, result.getExpiresIn());
        assertEquals("read write", result.getScope());
        assertNotNull(result.getRefreshToken());
        assertFalse(result.getRefreshToken().isBlank());
        JWTClaimsSet claims = claims(result);
        assertEquals("alice", claims.getSubject());
        assertEquals("app", claims.getStringClaim("client_id"));
    }

    @Test
    void whenClientCredentialsWithSecretInBodyThenAccessTokenOnly() throws Exception {
        PutAuth200Response result = apiInstance.putAuth("client_credentials", "service", "service-secret", null,
                null, null, null);

        assertEquals("Bearer", result.getTokenType());
        assertEquals("read", result.getScope());
        assertTrue(result.getExpiresIn() > 0, "expires_in " + result.getExpiresIn());
        assertNull(result.getRefreshToken(), "RFC 6749 4.4.3: no refresh token for client_credentials");
        assertEquals("service", claims(result).getSubject());
    }

    @Test
    void whenRefreshTokenGrantThenRotatedTokenAndNarrowedScope() throws Exception {
        PutAuth200Response first = apiInstance.putAuth("password", "app", "app-secret", null,
                "alice", "alice-password", null);

        PutAuth200Response refreshed = apiInstance.putAuth("refresh_token", "app", "app-secret", "read",
                null, null, first.getRefreshToken());

        assertEquals("read write", first.getScope());
        assertEquals("Bearer", refreshed.getTokenType());
        assertEquals("read", refreshed.getScope());
        assertEquals(300, refreshed.getExpiresIn());
        assertNotNull(refreshed.getRefreshToken());
        assertNotEquals(first.getRefreshToken(), refreshed.getRefreshToken());
        assertNotEquals(first.getAccessToken(), refreshed.getAccessToken());
        assertEquals("alice", claims(refreshed).getSubject());
    }

    @Test
    void whenRotatedRefreshTokenIsReplayedThenApiExceptionWithInvalidGrant() throws Exception {
        PutAuth200Response first = apiInstance.putAuth("password", "app", "app-secret", null,
                "alice", "alice-password", null);
        apiInstance.putAuth("refresh_token", "app", "app-secret", null, null, null, first.getRefreshToken());

        ApiException e = assertThrows(ApiException.class, () -> apiInstance.putAuth("refresh_token", "app",
                "app-secret", null, null, null, first.getRefreshToken()));

        assertOAuthError(e, 400, "invalid_grant");
    }

    @Test
    void whenWrongPasswordThenApiExceptionWithInvalidGrant() {
        ApiException e = assertThrows(ApiException.class, () -> apiInstance.putAuth("password", "app",
                "app-secret", null, "alice", "not-her-password", null));

        assertOAuthError(e, 400, "invalid_grant");
    }

    @Test
    void whenWrongClientSecretThenApiExceptionWithInvalidClient() {
        ApiException e = assertThrows(ApiException.class, () -> apiInstance.putAuth("client_credentials",
                "service", "wrong-secret", null, null, null, null));

        assertOAuthError(e, 401, "invalid_client");
    }

    @Test
    void whenAnswerHasAnUnknownFieldThenTheGeneratedModelRejectsIt() {
        // the premise of this class: a strict model, so the calls above prove Tollgate sends no extra field
        String answer = "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1,\"id_token\":\"x\"}";

        assertThrows(IllegalArgumentException.class, () -> PutAuth200Response.fromJson(answer));
    }

    private static void assertOAuthError(ApiException e, int status, String error) {
        assertEquals(status, e.getCode(), e.getResponseBody());
        JsonObject body = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
        assertEquals(error, body.get("error").getAsString());
        assertFalse(body.get("error_description").getAsString().isBlank());
        assertEquals(List.of("no-store"), header(e, "Cache-Control"));
        List<String> contentType = header(e, "Content-Type");
        assertTrue(contentType.size() == 1 && contentType.get(0).startsWith("application/json"),
                contentType::toString);
    }

    /** OkHttp hands the headers over with lower-cased names; HTTP header names are case-insensitive anyway. */
    private static List<String> header(ApiException e, String name) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(e.getResponseHeaders());
        return headers.getOrDefault(name, List.of());
    }

    private static JWTClaimsSet claims(PutAuth200Response result) throws ParseException {
        return SignedJWT.parse(result.getAccessToken()).getJWTClaimsSet();
    }
}
