package org.tollgate.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return fields;
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static OAuthError errorOf(Map<String, List<String>> fields, String authorization) {
        return assertThrows(OAuthException.class, () -> TokenRequest.from(fields, authorization)).error();
    }

    @Test
    void whenFieldsArePlainThenTheyAreRead() {
        TokenRequest request = TokenRequest.from(fields("grant_type", "password", "username", "alice",
                "password", "pw", "scope", "read", "unknown", "x", "unknown", "y"), null);
        assertEquals("password", request.grantType());
        assertEquals("alice", request.username());
        assertEquals("pw", request.password());
        assertEquals("read", request.scope());
        assertEquals(ClientCredentials.Method.ABSENT, request.credentials().method());
    }

    @Test
    void whenAKnownFieldRepeatsThenInvalidRequest() {
        assertEquals(OAuthError.INVALID_REQUEST, errorOf(fields("grant_type", "password", "scope", "a", "scope", "b"), null));
    }

    @Test
    void whenAFieldHoldsHalfASurrogatePairThenInvalidRequest() {
        assertEquals(OAuthError.INVALID_REQUEST, errorOf(fields("grant_type", "client_credentials",
                "client_id", "app", "client_secret", "s\uD800"), null));
        assertEquals(OAuthError.INVALID_REQUEST, errorOf(fields("grant_type", "password", "username", "\uDC00alice",
                "password", "pw"), null));
        // a whole pair is text like any other (U+1F511)
        assertEquals("k\uD83D\uDD11", TokenRequest.from(fields("grant_type", "password", "username", "alice",
                "password", "k\uD83D\uDD11"), null).password());
    }

    @Test
    void whenGrantTypeIsMissingOrEmptyThenInvalidRequest() {
        assertEquals(OAuthError.INVALID_REQUEST, errorOf(fields("scope", "read"), null));
        assertEquals(OAuthError.INVALID_REQUEST, errorOf(fields("grant_type", ""), null));
    }

    @Test
    void whenBasicIsFormUrlEncodedThenIdAndSecretAreDecoded() {
        TokenRequest request = TokenRequest.from(fields("grant_type", "client_credentials"),
                basic("odd%3Aclient:s3cret+with+spaces%3A%2B%25%26"));
        assertEquals(ClientCredentials.Method.BASIC, request.credentials().method());
        assertEquals("odd:client", request.credentials().clientId());
        assertEquals("s3cret with spaces:+%&", request.credentials().secret());
    }

    @Test
    void whenSchemeIsLowerCaseThenBasicIsStillRecognised() {
        TokenRequest request = TokenRequest.from(fields("grant_type", "client_credentials"),
                "basic " + Base64.getEncoder().encodeToString("app:secret".getBytes(StandardCharsets.UTF_8)));
        assertEquals("app", request.credentials().clientId());
    }

    @Test
    void whenBasicAndClientSecretAreBothSentThenInvalidRequest() {
        assertEquals(OAuthError.INVALID_REQUEST,
                errorOf(fields("grant_type", "client_credentials", "client_secret", "s"), basic("app:s")));
    }

    @Test
    void whenClientIdContradictsBasicThenInvalidRequest() {
        assertEquals(OAuthError.INVALID_REQUEST,
                errorOf(fields("grant_type", "client_credentials", "client_id", "other"), basic("app:s")));
    }

    @Test
    void whenBasicHeaderIsBrokenThenInvalidClient() {
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(fields("grant_type", "password"), "Basic !!!notbase64"));
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(fields("grant_type", "password"), basic("no-colon")));
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(fields("grant_type", "password"), basic(":secret")));
        assertEquals(OAuthError.INVALID_CLIENT, errorOf(fields("grant_type", "password"),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 'x'})));
    }

    @Test
    void whenClientSecretComesWithoutClientIdThenInvalidRequest() {
        assertEquals(OAuthError.INVALID_REQUEST, errorOf(fields("grant_type", "password", "client_secret", "s"), null));
    }

    @Test
    void whenOnlyClientIdIsSentThenThePublicMethodIsUsed() {
        TokenRequest request = TokenRequest.from(fields("grant_type", "password", "client_id", "spa"), null);
        assertEquals(ClientCredentials.Method.NONE, request.credentials().method());
        assertNull(request.credentials().secret());
    }

    @Test
    void whenClientIdAndSecretAreFieldsThenThePostMethodIsUsed() {
        TokenRequest request = TokenRequest.from(fields("grant_type", "password", "client_id", "app",
                "client_secret", "s"), "Bearer something-else");
        assertEquals(ClientCredentials.Method.POST, request.credentials().method());
    }

    @Test
    void whenPrintedThenNoSecretAppears() {
        TokenRequest request = TokenRequest.from(fields("grant_type", "password", "client_id", "app",
                "client_secret", "topsecret", "password", "hunter2", "refresh_token", "rt-value"), null);
        String text = request.toString();
        assertEquals(-1, text.indexOf("topsecret"));
        assertEquals(-1, text.indexOf("hunter2"));
        assertEquals(-1, text.indexOf("rt-value"));
    }
}
