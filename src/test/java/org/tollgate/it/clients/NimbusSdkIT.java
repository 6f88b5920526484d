package org.tollgate.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.TollgateDeployment;

/**
 * The Nimbus OAuth 2.0 SDK, a strict and widely used client, talks to the deployed WAR unmodified: it sends
 * application/x-www-form-urlencoded bodies, RFC 6749 section 2.3.1 Basic credentials, and parses the answers
 * with its own validation.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NimbusSdkIT {

    private static final Scope READ = new Scope("read");
    private static final Scope READ_WRITE = new Scope("read", "write");
    private static final ResourceOwnerPasswordCredentialsGrant ALICE =
            new ResourceOwnerPasswordCredentialsGrant("alice", new Secret("alice-password"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @ArquillianResource
    private URL base;

    @Test
    void whenPasswordGrantWithClientSecretBasicThenBearerAndRefreshToken() throws Exception {
        Tokens tokens = success(request(basic("app", "app-secret"), ALICE, READ_WRITE));

        assertBearer(tokens.getAccessToken(), READ_WRITE, 300);
        assertNotNull(tokens.getRefreshToken());
    }

    @Test
    void whenPasswordGrantWithClientSecretPostThenBearerAndRefreshToken() throws Exception {
        Tokens tokens = success(request(post("app", "app-secret"), ALICE, READ));

        assertBearer(tokens.getAccessToken(), READ, 300);
        assertNotNull(tokens.getRefreshToken());
    }

    @Test
    void whenClientCredentialsWithClientSecretBasicThenRegisteredScopeAndNoRefreshToken() throws Exception {
        Tokens tokens = success(request(basic("app", "app-secret"), new ClientCredentialsGrant(), null));

        assertBearer(tokens.getAccessToken(), READ_WRITE, 300);
        assertNull(tokens.getRefreshToken());
    }

    @Test
    void whenClientCredentialsWithClientSecretPostThenAccessTokenOnly() throws Exception {
        Tokens tokens = success(request(post("service", "service-secret"), new ClientCredentialsGrant(), READ));

        assertBearer(tokens.getAccessToken(), READ);
        assertNull(tokens.getRefreshToken());
    }

    @Test
    void whenBasicCredentialsNeedFormEncodingThenTheyAreDecodedAsRfc6749Says() throws Exception {
        // Nimbus form-urlencodes id and secret before Base64 (RFC 6749 2.3.1): ':', ' ', '+', '%', '&'
        Tokens tokens = success(request(basic("odd:client", "s3cret with spaces:+%&"),
                new ClientCredentialsGrant(), null));

        assertBearer(tokens.getAccessToken(), READ);
    }

    @Test
    void whenRefreshTokenGrantWithClientSecretBasicThenRotated() throws Exception {
        assertRefreshRotates(basic("app", "app-secret"));
    }

    @Test
    void whenRefreshTokenGrantWithClientSecretPostThenRotated() throws Exception {
        assertRefreshRotates(post("app", "app-secret"));
    }

    @Test
    void whenWrongPasswordThenTokenErrorResponseWithInvalidGrant() throws Exception {
        ResourceOwnerPasswordCredentialsGrant wrong =
                new ResourceOwnerPasswordCredentialsGrant("alice", new Secret("not-her-password"));

        ErrorObject error = failure(request(basic("app", "app-secret"), wrong, null), 400);

        assertEquals("invalid_grant", error.getCode());
        assertNotNull(error.getDescription());
    }

    @Test
    void whenWrongBasicSecretThenTokenErrorResponseWithInvalidClientAndChallenge() throws Exception {
        HTTPResponse response = request(basic("app", "wrong-secret"), new ClientCredentialsGrant(), null).send();

        ErrorObject error = failure(response, 401);

        assertEquals("invalid_client", error.getCode());
        String challenge = response.getHeaderValue("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("Basic "), "WWW-Authenticate: " + challenge);
    }

    private void assertRefreshRotates(ClientAuthentication auth) throws Exception {
        RefreshToken first = success(request(auth, ALICE, null)).getRefreshToken();

        Tokens refreshed = success(request(auth, new RefreshTokenGrant(first), READ));

        assertBearer(refreshed.getAccessToken(), READ, 300);
        assertNotNull(refreshed.getRefreshToken());
        assertNotEquals(first, refreshed.getRefreshToken());
    }

    /** As below, and expires_in exactly {@code lifetime} seconds (app registers access_token_ttl 300). */
    private static void assertBearer(AccessToken token, Scope scope, long lifetime) {
        assertBearer(token, scope);
        assertEquals(lifetime, token.getLifetime());
    }

    private static void assertBearer(AccessToken token, Scope scope) {
        assertEquals(AccessTokenType.BEARER, token.getType());
        assertEquals(scope, token.getScope());
        assertTrue(token.getLifetime() > 0, "expires_in " + token.getLifetime());
        assertFalse(token.getValue().isBlank());
    }

    private HTTPRequest request(ClientAuthentication auth, AuthorizationGrant grant, Scope scope) throws Exception {
        URI endpoint = base.toURI().resolve("oauth/token");
        HTTPRequest http = new TokenRequest.Builder(endpoint, auth, grant).scope(scope).build().toHTTPRequest();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(20_000);
        return http;
    }

    private static Tokens success(HTTPRequest request) throws Exception {
        HTTPResponse response = request.send();
        TokenResponse parsed = TokenResponse.parse(response);
        assertTrue(parsed.indicatesSuccess(), () -> response.getStatusCode() + " " + response.getBody());
        assertEquals("no-store", response.getCacheControl());
        return ((AccessTokenResponse) parsed).getTokens();
    }

    private static ErrorObject failure(HTTPRequest request, int status) throws Exception {
        return failure(request.send(), status);
    }

    private static ErrorObject failure(HTTPResponse response, int status) throws Exception {
        TokenResponse parsed = TokenResponse.parse(response);
        assertFalse(parsed.indicatesSuccess(), response::getBody);
        ErrorObject error = ((TokenErrorResponse) parsed).getErrorObject();
        assertEquals(status, response.getStatusCode());
        assertEquals(status, error.getHTTPStatusCode());
        return error;
    }

    private static ClientAuthentication basic(String id, String secret) {
        return new ClientSecretBasic(new ClientID(id), new Secret(secret));
    }

    private static ClientAuthentication post(String id, String secret) {
        return new ClientSecretPost(new ClientID(id), new Secret(secret));
    }
}
