package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

/**
 * A catalogue of malformed and hostile requests, written byte for byte on a raw socket: each must be
 * answered with a 4xx and an RFC 6749 error body (never a 5xx, a stack trace or a class name), and the
 * server must still issue tokens after all of them.
 */
@ExtendWith(ArquillianExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BadInputCatalogueIT {

    private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String APP = "Authorization: " + basic("app:app-secret");
    /**
     * Cases about the HTTP framing itself, which a server may refuse before any application sees them: a bare
     * 4xx or a closed connection (Payara's Grizzly does both) passes, beside an OAuth error; a 5xx, an HTML page
     * or a stack trace never does.
     */
    private static final String FRAMING = "framing: ";
    /** Cases so named declare 50 bytes more than they send, then close their side of the connection. */
    private static final String BODY_CUT_OFF = FRAMING + "a body cut off before its Content-Length";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    private record Case(String name, String method, String path, List<String> headers, byte[] body) {
    }

    private record RawAnswer(int status, String headers, String body) {
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Case post(String name, String contentType, String body, String... headers) {
        return post(name, contentType, ascii(body), headers);
    }

    private static Case post(String name, String contentType, byte[] body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (contentType != null) {
            all.add("Content-Type: " + contentType);
        }
        return new Case(name, "POST", "oauth/token", all, body);
    }

    private static String part(String boundary, String disposition, String extraHeaders, String value) {
        return "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n" + extraHeaders + "\r\n"
                + value + "\r\n";
    }

    private static String field(String boundary, String name, String value) {
        return part(boundary, "form-data; name=\"" + name + "\"", "", value);
    }

    private static byte[] utf32(String text) {
        return text.getBytes(Charset.forName("UTF-32BE"));
    }

    /** A multipart body whose grant_type part is UTF-8 and whose field part is UTF-32 bytes as given. */
    private static byte[] multipartWithUtf32Field(String name, byte[] value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(field("b", "grant_type", "password")));
        body.writeBytes(ascii("--b\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\nContent-Type: text/plain; charset=UTF-32\r\n\r\n"));
        body.writeBytes(value);
        body.writeBytes(ascii("\r\n" + field("b", "username", "alice") + "--b--\r\n"));
        return body.toByteArray();
    }

    private static String repeat(String unit, int times) {
        return unit.repeat(times);
    }

    private static List<Case> catalogue() {
        String mp = "multipart/form-data; boundary=b";
        String cc = field("b", "grant_type", "client_credentials");
        byte[] badUtf8 = ascii("grant_type=password&username=\u00ff\u00fe&password=x");
        List<Case> cases = new ArrayList<>(List.of(
                post("empty form body", FORM, "", APP),
                post("no content type, no body", null, "", APP),
                post("JSON body", "application/json", "{\"grant_type\":\"client_credentials\"}", APP),
                post("text/plain body", "text/plain", "grant_type=client_credentials", APP),
                post("XML body", "application/xml", "<grant_type>client_credentials</grant_type>", APP),
                post("repeated grant_type", FORM, "grant_type=client_credentials&grant_type=password", APP),
                post("empty grant_type", FORM, "grant_type=", APP),
                post("missing grant_type", FORM, "scope=read", APP),
                post("unknown grant_type", FORM, "grant_type=implicit", APP),
                post("grant_type with a NUL byte", FORM, "grant_type=client_credentials%00", APP),
                post("grant_type of 40 000 characters", FORM, "grant_type=" + repeat("x", 40_000), APP),
                post("body over the size limit", FORM, "grant_type=client_credentials&pad=" + repeat("a", 200_000), APP),
                post("bad percent-encoding", FORM, "grant_type=client_credentials&scope=%zz%", APP),
                new Case("invalid UTF-8 in a field", "POST", "oauth/token", List.of(APP, "Content-Type: " + FORM),
                        badUtf8),
                // UTF-32 decodes a lone surrogate (here U+D800), which UTF-8 cannot encode: the Argon2 input needs it
                post("UTF-32 form with half a surrogate pair in client_secret", FORM + "; charset=UTF-32",
                        utf32("grant_type=client_credentials&client_id=nobody&client_secret=%00%00%D8%00")),
                post("UTF-32 form with half a surrogate pair in the password", FORM + "; charset=UTF-32",
                        utf32("grant_type=password&username=alice&password=%00%00%DC%00"), APP),
                post("UTF-32 multipart field with half a surrogate pair in the password", mp,
                        multipartWithUtf32Field("password", new byte[] {0, 0, (byte) 0xd8, 0}), APP),
                new Case("UTF-32 introspection with half a surrogate pair in client_secret", "POST", "oauth/introspect",
                        List.of("Content-Type: " + FORM + "; charset=UTF-32"),
                        utf32("token=x&client_id=nobody&client_secret=%00%00%D8%00")),
                new Case("UTF-32 revocation with half a surrogate pair in client_secret", "POST", "oauth/revoke",
                        List.of("Content-Type: " + FORM + "; charset=UTF-32"),
                        utf32("token=x&client_id=nobody&client_secret=%00%00%D8%00")),
                post("only separators", FORM, "&&&=&=", APP),
                post("a key without a value", FORM, "grant_type", APP),
                post("Basic that is not base64", FORM, "grant_type=client_credentials", "Authorization: Basic %%%"),
                post("Basic without a colon", FORM, "grant_type=client_credentials", "Authorization: " + basic("app")),
                post("Basic with nothing after it", FORM, "grant_type=client_credentials", "Authorization: Basic "),
                post("Basic with raw non-ASCII bytes", FORM, "grant_type=client_credentials",
                        "Authorization: Basic \u00e4\u00f6\u00fc"),
                post("Basic whose decoded bytes are not UTF-8", FORM, "grant_type=client_credentials",
                        "Authorization: Basic " + Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xc3})),
                post("Basic and client_secret at once", FORM, "grant_type=client_credentials&client_secret=app-secret",
                        APP),
                post("a Bearer header instead of client credentials", FORM, "grant_type=client_credentials",
                        "Authorization: Bearer abc.def.ghi"),
                post("two Authorization headers", FORM, "grant_type=client_credentials",
                        "Authorization: " + basic("app:wrong"), APP),
                post("client_id with line breaks", FORM, "grant_type=client_credentials&client_id=app%0d%0aX-Evil:%201"
                        + "&client_secret=x"),
                post("multipart without a boundary", "multipart/form-data", cc + "--b--\r\n", APP),
                post("multipart with an empty boundary", "multipart/form-data; boundary=\"\"", cc + "--b--\r\n",
                        APP),
                post("multipart whose body is a form", mp, "grant_type=client_credentials", APP),
                post("multipart cut short", mp, "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_cr",
                        APP),
                post("multipart with 1000 parts and no grant_type", mp,
                        repeat(field("b", "x", "y"), 1000) + "--b--\r\n", APP),
                post("multipart with a 30 000 byte part header", mp,
                        part("b", "form-data; name=\"x\"", "X-Pad: " + repeat("p", 30_000) + "\r\n", "y") + "--b--\r\n",
                        APP),
                post("multipart with nested multipart", mp,
                        part("b", "form-data; name=\"grant_type\"", "Content-Type: multipart/mixed; boundary=c\r\n",
                                "--c\r\nContent-Type: text/plain\r\n\r\nclient_credentials\r\n--c--") + "--b--\r\n",
                        APP),
                post("multipart with a file part", mp,
                        part("b", "form-data; name=\"grant_type\"; filename=\"grant.bin\"",
                                "Content-Type: application/octet-stream\r\n", "client_credentials") + "--b--\r\n",
                        APP),
                post("multipart with repeated grant_type", mp,
                        cc + field("b", "grant_type", "password") + "--b--\r\n", APP),
                post("multipart part without Content-Disposition", mp,
                        "--b\r\nContent-Type: text/plain\r\n\r\nclient_credentials\r\n--b--\r\n", APP),
                post("multipart part with a bogus charset", mp,
                        part("b", "form-data; name=\"grant_type\"", "Content-Type: text/plain; charset=no-such-charset\r\n",
                                "client_credentials") + "--b--\r\n", APP),
                post("form with a bogus charset", FORM + "; charset=no-such-charset", "grant_type=client_credentials", APP),
                post("scope with control characters", FORM, "grant_type=client_credentials&scope=read%01write", APP),
                post("scope with two spaces", FORM, "grant_type=client_credentials&scope=read%20%20write", APP),
                post("scope outside the registration", FORM, "grant_type=client_credentials&scope=admin", APP),
                post("username of 20 000 characters", FORM,
                        "grant_type=password&username=" + repeat("u", 20_000) + "&password=x", APP),
                post("refresh_token of garbage", FORM, "grant_type=refresh_token&refresh_token=" + repeat("%ff", 3000), APP),
                post("a Content-Length far below the body", FORM, "grant_type=client_credentials&x=1",
                        APP, "X-Note: the server reads only what Content-Length says"),
                new Case("GET on the token endpoint", "GET", "oauth/token", List.of(), new byte[0]),
                new Case("PUT on the token endpoint", "PUT", "oauth/token", List.of("Content-Type: " + FORM),
                        ascii("grant_type=client_credentials")),
                new Case("DELETE on the token endpoint", "DELETE", "oauth/token", List.of(), new byte[0]),
                new Case("a path below the endpoint", "POST", "oauth/token/extra", List.of("Content-Type: " + FORM),
                        ascii("grant_type=client_credentials")),
                new Case("a bad percent-escape in the query string, empty form", "POST", "oauth/token?x=%zz",
                        List.of(APP, "Content-Type: " + FORM), new byte[0]),
                new Case("a bad percent-escape in a GET's query string", "GET", "health?x=%",
                        List.of("Content-Type: " + FORM), new byte[0]),
                new Case("the client secret in the query string", "POST",
                        "oauth/token?grant_type=client_credentials&client_id=app&client_secret=app-secret",
                        List.of("Content-Type: " + FORM), new byte[0]),
                new Case("a query string beside an empty form", "POST", "oauth/token?x=1",
                        List.of(APP, "Content-Type: " + FORM), new byte[0]),
                post("multipart part with an unknown Content-Transfer-Encoding", mp,
                        part("b", "form-data; name=\"grant_type\"", "Content-Transfer-Encoding: x-bogus\r\n",
                                "client_credentials") + "--b--\r\n", APP),
                post("a Content-Type that is no media type", "/", "grant_type=client_credentials", APP),
                post("a wildcard Content-Type", "*/*", "grant_type=client_credentials", APP),
                post("a Content-Type with a wildcard subtype", "application/*", "grant_type=client_credentials", APP),
                post("a Content-Type with an unclosed quote", FORM + "; charset=\"utf-8", "grant_type=client_credentials",
                        APP),
                post("a malformed Accept header", FORM, "grant_type=client_credentials", APP, "Accept: text/html;q=abc"),
                new Case("a malformed Accept header on the key set", "GET", "oauth/jwks", List.of("Accept: ;;;"),
                        new byte[0]),
                post(BODY_CUT_OFF + " (the client stops sending)", FORM, "grant_type=client_credentials", APP),
                new Case(FRAMING + "a chunk size that is not hexadecimal", "POST", "oauth/token",
                        List.of(APP, "Content-Type: " + FORM, "Transfer-Encoding: chunked"),
                        ascii("zz\r\ngrant_type=client_credentials\r\n0\r\n\r\n")),
                new Case("the error page asked for directly", "GET", "tollgate-error", List.of(), new byte[0])));
        return cases;
    }

    @Test
    void whenEveryHostileRequestHasBeenSentThenEachGotAnOAuthErrorAndTheServerStillServes() throws Exception {
        List<Case> cases = catalogue();
        assertTrue(cases.size() >= 40, "the catalogue holds " + cases.size() + " requests");
        List<String> failures = new ArrayList<>();
        for (Case request : cases) {
            RawAnswer answer = send(request);
            String problem = request.name().startsWith(FRAMING) && refusedByTheServer(answer) ? null
                    : problemWith(answer);
            if (problem != null) {
                failures.add(request.name() + ": " + problem + " (" + answer.status() + " " + abbreviated(answer.body()) + ")");
            }
        }
        assertEquals(List.of(), failures);
        RawAnswer after = send(post("a valid request after all of them", FORM, "grant_type=client_credentials",
                APP));
        assertEquals(200, after.status(), after.body());
    }

    /** The connection closed without an answer, or a bare 4xx with no body to leak anything. */
    private static boolean refusedByTheServer(RawAnswer answer) {
        return answer.status() == -1 || answer.status() >= 400 && answer.status() < 500 && answer.body().isEmpty();
    }

    private static String problemWith(RawAnswer answer) throws IOException {
        if (answer.status() < 400 || answer.status() >= 500) {
            return "not a 4xx";
        }
        if (answer.body().contains("Exception") || answer.body().contains("at org.") || answer.body().contains("<html")) {
            return "a stack trace, class name or HTML page in the body";
        }
        if (!answer.headers().toLowerCase().contains("content-type: application/json")) {
            return "not JSON";
        }
        JsonNode json = new ObjectMapper().readTree(answer.body());
        if (!OAUTH_ERRORS.contains(json.path("error").asText())) {
            return "no RFC 6749 error code";
        }
        return null;
    }

    private RawAnswer send(Case request) throws IOException {
        String path = base.getPath() + request.path();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean cutOff = request.name().startsWith(BODY_CUT_OFF);
        int declaredLength = request.name().startsWith("a Content-Length far below") ? 5
                : request.body().length + (cutOff ? 50 : 0);
        boolean chunked = request.headers().stream().anyMatch(h -> h.startsWith("Transfer-Encoding:"));
        head.write(ascii(request.method() + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nConnection: close\r\n" + (chunked ? "" : "Content-Length: " + declaredLength + "\r\n")));
        for (String header : request.headers()) {
            head.write(header.getBytes(StandardCharsets.UTF_8));
            head.write(ascii("\r\n"));
        }
        head.write(ascii("\r\n"));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            try {
                out.write(request.body());
                out.flush();
                if (cutOff) {
                    socket.shutdownOutput();
                }
            } catch (IOException refusedEarly) {
                // the server may answer (413) and close before reading a large body
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException hung) {
            throw hung; // a server that neither answers nor closes is a failure, even for framing cases
        } catch (IOException resetAfterAnswer) {
            // a connection reset after a complete early answer is fine
        }
        return all.toByteArray();
    }

    private static RawAnswer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String headers = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        int status = headers.length() > 12 ? Integer.parseInt(headers.substring(9, 12)) : -1;
        return new RawAnswer(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
