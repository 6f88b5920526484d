package org.tollgate.it.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * A standard client library that knows only the issuer: it resolves the RFC 8414 metadata and from it
 * alone gets a token, verifies it against the JWKS, introspects it and revokes it.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryIT {

    private static final String ISSUER = System.getProperty("tollgate.it.issuer");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    private static ClientSecretBasic client(String id, String secret) {
        return new ClientSecretBasic(new ClientID(id), new Secret(secret));
    }

    @Test
    void whenOnlyTheIssuerIsKnownThenTheMetadataLeadsToEveryEndpoint() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(ISSUER));

        assertEquals(ISSUER, metadata.getIssuer().getValue());
        assertTrue(metadata.getGrantTypes().containsAll(Set.of(GrantType.PASSWORD, GrantType.CLIENT_CREDENTIALS,
                GrantType.REFRESH_TOKEN)));
        assertTrue(metadata.getTokenEndpointAuthMethods().containsAll(Set.of(
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.NONE)));
        assertTrue(metadata.getScopes().toStringList().containsAll(Set.of("read", "write")));

        TokenResponse tokenResponse = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(),
                client("app", "app-secret"), new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertTrue(tokenResponse.indicatesSuccess(), () -> tokenResponse.toErrorResponse().getErrorObject().toString());
        AccessToken token = ((AccessTokenResponse) tokenResponse).getTokens().getAccessToken();

        DefaultJWTProcessor<SecurityContext> resourceServer = new DefaultJWTProcessor<>();
        resourceServer.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        resourceServer.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()));
        JWTClaimsSet claims = resourceServer.process(token.getValue(), null);
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("app", claims.getSubject());

        assertTrue(introspect(metadata, token, "service", "service-secret").isActive());

        HTTPResponse revoked = new TokenRevocationRequest(metadata.getRevocationEndpointURI(),
                client("app", "app-secret"), token).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        assertFalse(introspect(metadata, token, "service", "service-secret").isActive());
    }

    /** RFC 7517's media type by default; plain JSON for a client that accepts nothing else. */
    @Test
    void whenTheKeySetIsFetchedThenItsTypeFollowsAccept() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI jwks = URI.create(ISSUER + "/oauth/jwks");
        HttpResponse<String> any = http.send(HttpRequest.newBuilder(jwks).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(jwks).header("Accept", "application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, any.statusCode());
        assertTrue(any.headers().firstValue("Content-Type").orElse("").startsWith("application/jwk-set+json"));
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                json.headers().toString());
        assertEquals(JWKSet.parse(any.body()).toString(), JWKSet.parse(json.body()).toString());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(jwks).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        List<String> allowed = post.headers().allValues("Allow").stream()
                .flatMap(value -> Arrays.stream(value.trim().split("\\s*,\\s*"))).toList();
        assertTrue(allowed.containsAll(List.of("GET", "HEAD")), post.headers().toString());
    }

    private static TokenIntrospectionSuccessResponse introspect(AuthorizationServerMetadata metadata,
                                                                AccessToken token, String id, String secret)
            throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), client(id, secret), token).toHTTPRequest().send());
        assertTrue(response.indicatesSuccess());
        return response.toSuccessResponse();
    }
}
