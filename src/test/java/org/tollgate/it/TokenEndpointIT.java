package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Answers.assertError;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules the endpoint applies before any grant runs: methods, content types, body syntax, fields. */
@ExtendWith(ArquillianExtension.class)
class TokenEndpointIT {

    private static final String APP_CLIENT = basic(APP, APP_SECRET);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int SEVERAL_MEGABYTES = 5 * 1024 * 1024;
    /**
     * Far over max-body-bytes, under Tomcat's maxSwallowSize (2 MB): past that, Tomcat closes the connection
     * while the client still sends, and the reset can destroy the 413 before the client reads it (seen once
     * on TomEE), which no server can prevent.
     */
    private static final int MEGABYTES_TO_STREAM = 1536 * 1024;
    /** Long, yet well under the default 64 KiB body limit. */
    private static final int LONG_FIELD = 8 * 1024;
    private static final Set<String> MALFORMED_SCOPE = Set.of("invalid_request", "invalid_scope");

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

    private void assertStillServing() {
        assertTokenAnswer(endpoint.post(Encoding.FORM, Fields.of("grant_type", "client_credentials"), APP_CLIENT), false);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenGrantTypeMissingThenInvalidRequest(Encoding encoding) {
        assertError(endpoint.post(encoding, Fields.of("scope", "read"), APP_CLIENT), 400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenFieldRepeatedThenInvalidRequest(Encoding encoding) {
        Fields grant = Fields.of("grant_type", "client_credentials");
        assertError(endpoint.post(encoding, grant.and("grant_type", "client_credentials"), APP_CLIENT),
                400, "invalid_request");
        assertError(endpoint.post(encoding, grant.and("scope", "read").and("scope", "read"), APP_CLIENT),
                400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenGrantTypeUnknownThenUnsupportedGrantType(Encoding encoding) {
        assertError(endpoint.post(encoding, Fields.of("grant_type", "urn:example:no-such-grant"), APP_CLIENT),
                400, "unsupported_grant_type");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenUnknownFieldsSentThenTheyAreIgnored(Encoding encoding) {
        // resource (RFC 8707) may legitimately repeat: only the contract's own fields must be single
        Fields fields = Fields.of("grant_type", "client_credentials", "resource", "https://api.example/a",
                "resource", "https://api.example/b", "nonce", "n-0S6_WzA2Mj", "x-unknown", "");
        assertTokenAnswer(endpoint.post(encoding, fields, APP_CLIENT), false);
    }

    @Test
    void whenFormContentTypeCarriesCharsetThenAccepted() {
        byte[] body = Encoding.FORM.encode(Fields.of("grant_type", "client_credentials")).bytes();
        assertTokenAnswer(endpoint.post(FORM + "; charset=UTF-8", body, APP_CLIENT), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/xml", "application/octet-stream"})
    void whenContentTypeUnsupportedThenInvalidRequest(String contentType) {
        byte[] body = contentType.equals("application/json")
                ? ascii("{\"grant_type\":\"client_credentials\"}")
                : ascii("grant_type=client_credentials");
        assertError(endpoint.post(contentType, body, APP_CLIENT), Set.of(400, 415), "invalid_request");
    }

    @Test
    void whenNoContentTypeThenInvalidRequest() {
        assertError(endpoint.post(null, ascii("grant_type=client_credentials"), APP_CLIENT),
                Set.of(400, 415), "invalid_request");
        assertError(endpoint.post(null, new byte[0], APP_CLIENT), Set.of(400, 415), "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBodyEmptyThenInvalidRequest(Encoding encoding) {
        String contentType = encoding.encode(Fields.of()).contentType();
        assertError(endpoint.post(contentType, new byte[0], APP_CLIENT), 400, "invalid_request");
    }

    @Test
    void whenMultipartTruncatedThenInvalidRequest() {
        Encoding.Body whole = Encoding.MULTIPART.encode(Fields.of("grant_type", "client_credentials", "scope", "read"));
        String text = new String(whole.bytes(), StandardCharsets.UTF_8);
        // cut inside the last part: no closing boundary ever comes
        byte[] truncated = ascii(text.substring(0, text.lastIndexOf("read") + 2));

        assertError(endpoint.post(whole.contentType(), truncated, APP_CLIENT), 400, "invalid_request");
        assertStillServing();
    }

    @Test
    void whenMultipartHasNoBoundaryThenInvalidRequest() {
        byte[] body = Encoding.MULTIPART.encode(Fields.of("grant_type", "client_credentials")).bytes();

        assertError(endpoint.post("multipart/form-data", body, APP_CLIENT), 400, "invalid_request");
    }

    /**
     * RFC 7578 4.4: a part may carry its own Content-Type (curl -F "name=value;type=...", HTTP libraries that
     * send every part as application/octet-stream). The server may read such a value or refuse the request;
     * a server_error is neither.
     */
    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "application/json", "multipart/mixed; boundary=inner"})
    void whenMultipartPartHasANonTextContentTypeThenTokensOrInvalidRequest(String partType) {
        String boundary = "outer";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"grant_type\"\r\n"
                + "Content-Type: " + partType + "\r\n\r\n"
                + "client_credentials\r\n"
                + "--" + boundary + "--\r\n";

        Answer answer = endpoint.post("multipart/form-data; boundary=" + boundary, ascii(body), APP_CLIENT);

        if (answer.status() == 200) {
            assertTokenAnswer(answer, false);
        } else {
            assertError(answer, 400, "invalid_request");
        }
    }

    @Test
    void whenMultipartIsNotMultipartThenInvalidRequest() {
        assertError(endpoint.post("multipart/form-data; boundary=xyz", ascii("grant_type=client_credentials"), APP_CLIENT),
                400, "invalid_request");
    }

    /**
     * Percent-escapes that are not hex, or that decode to invalid UTF-8, in the scope field. A strict server
     * refuses the body (invalid_request); a WHATWG-style decoder keeps the bad escape or writes U+FFFD, and
     * the scope then fails RFC 6749's syntax (invalid_scope). Either is a clean 400; nothing else is.
     */
    @ParameterizedTest
    @ValueSource(strings = {"%ZZ", "read%", "read%2", "%E9t%E9", "%C3%28", "%ED%A0%80", "%FF"})
    void whenFormHasBadPercentEncodingOrInvalidUtf8ThenInvalidRequestOrInvalidScope(String scope) {
        Answer answer = endpoint.post(FORM, ascii("grant_type=client_credentials&scope=" + scope), APP_CLIENT);

        assertError(answer, Set.of(400), MALFORMED_SCOPE);
    }

    @Test
    void whenFormHasBadPercentEncodingInTheGrantTypeThenAClean400() {
        Answer answer = endpoint.post(FORM, ascii("grant_type=client%ZZcredentials"), APP_CLIENT);

        assertError(answer, Set.of(400), Set.of("invalid_request", "unsupported_grant_type"));
    }

    @Test
    void whenFormHasRawInvalidUtf8BytesThenInvalidRequestOrInvalidScope() {
        assertError(endpoint.post(FORM, withInvalidUtf8(ascii("grant_type=client_credentials&scope=X"), "X"), APP_CLIENT),
                Set.of(400), MALFORMED_SCOPE);
    }

    @Test
    void whenMultipartValueIsInvalidUtf8ThenInvalidRequestOrInvalidScope() {
        Encoding.Body body = Encoding.MULTIPART.encode(Fields.of("grant_type", "client_credentials", "scope", "X"));

        assertError(endpoint.post(body.contentType(), withInvalidUtf8(body.bytes(), "\r\n\r\nX\r\n"), APP_CLIENT),
                Set.of(400), MALFORMED_SCOPE);
    }

    /** The body with the byte of the one 'X' in {@code around} replaced by 0xFF, which UTF-8 never uses. */
    private static byte[] withInvalidUtf8(byte[] body, String around) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(around) + around.indexOf('X');
        byte[] changed = body.clone();
        changed[at] = (byte) 0xFF;
        return changed;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenFieldsAreVeryLongThenTheUsualErrors(Encoding encoding) {
        String huge = "a".repeat(LONG_FIELD);
        // the header stays under Tomcat's own 8 KiB header limit, which answers before the WAR ever sees it
        String longHeaderValue = "a".repeat(LONG_FIELD / 4);
        assertError(endpoint.post(encoding, Fields.of("grant_type", "client_credentials"),
                basic(longHeaderValue, longHeaderValue)), 401, "invalid_client");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "client_credentials", "client_id", huge,
                "client_secret", huge)), 401, "invalid_client");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "password", "username", huge, "password", huge),
                APP_CLIENT), 400, "invalid_grant");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "refresh_token", "refresh_token", huge),
                APP_CLIENT), 400, "invalid_grant");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "client_credentials", "scope", huge),
                APP_CLIENT), 400, "invalid_scope");
        assertError(endpoint.post(encoding, Fields.of("grant_type", huge), APP_CLIENT), 400, "unsupported_grant_type");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenFieldsHoldControlCharactersThenTheUsualErrors(Encoding encoding) {
        assertError(endpoint.post(encoding, Fields.of("grant_type", "client_credentials"), basic(APP + "\u0000", APP_SECRET)),
                401, "invalid_client");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "password", "username", "alice\u0000",
                "password", "x\u0000\n"), APP_CLIENT), 400, "invalid_grant");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "refresh_token", "refresh_token", "\u0000\r\n"),
                APP_CLIENT), 400, "invalid_grant");
        assertError(endpoint.post(encoding, Fields.of("grant_type", "client_credentials", "scope", "read\u0000"),
                APP_CLIENT), 400, "invalid_scope");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenBodyOfSeveralMegabytesThenRefusedAndTheServerKeepsServing(Encoding encoding) {
        Fields huge = Fields.of("grant_type", "client_credentials", "padding", "x".repeat(SEVERAL_MEGABYTES));
        Encoding.Body body = encoding.encode(huge);

        assertError(endpoint.post(body.contentType(), body.bytes(), APP_CLIENT), Set.of(413, 400), "invalid_request");
        assertStillServing();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void whenChunkedBodyOfMegabytesThenRefusedAndTheServerKeepsServing(Encoding encoding) {
        Fields huge = Fields.of("grant_type", "client_credentials", "padding", "x".repeat(MEGABYTES_TO_STREAM));
        Encoding.Body body = encoding.encode(huge);
        java.util.function.Supplier<InputStream> stream = () -> new ByteArrayInputStream(body.bytes());
        Set<Path> spilledBefore = ServerTempFiles.multipartSpills();

        assertError(endpoint.postStreamed(body.contentType(), stream), Set.of(413, 400), "invalid_request");
        assertStillServing();
        // a body cut off at the limit once left the part parsed so far in a temp file, one per request
        Set<Path> left = new HashSet<>(ServerTempFiles.multipartSpills());
        left.removeAll(spilledBefore);
        assertEquals(Set.of(), left, "the refused request left temp files on the server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void whenNotPostThenMethodNotAllowedWithAllowPost(String method) {
        Answer answer = endpoint.call(method);

        assertError(answer, 405, "invalid_request");
        String allow = answer.header("Allow").orElse("");
        assertTrue(Arrays.stream(allow.split(",")).map(String::trim).anyMatch("POST"::equals),
                () -> "Allow must name POST: " + answer);
    }
}
