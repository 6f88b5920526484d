package org.tollgate.it;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The two request body encodings the token endpoint accepts, written byte by byte here so that the
 * tests, not a client library, decide what goes over the wire.
 */
public enum Encoding {

    /** application/x-www-form-urlencoded (RFC 6749 section 3.2; every OAuth client library). */
    FORM {
        @Override
        public Body encode(Fields fields) {
            String form = fields.entries().stream()
                    .map(e -> formEncode(e.getKey()) + "=" + formEncode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return new Body("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII));
        }
    },

    /** multipart/form-data (RFC 7578; the seed's generated client). */
    MULTIPART {
        @Override
        public Body encode(Fields fields) {
            String boundary = "tollgate-it-" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Map.Entry<String, String> field : fields.entries()) {
                write(body, "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n"
                        + "\r\n" + field.getValue() + "\r\n");
            }
            write(body, "--" + boundary + "--\r\n");
            return new Body("multipart/form-data; boundary=" + boundary, body.toByteArray());
        }

        private static void write(ByteArrayOutputStream body, String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    };

    /** A request body and the Content-Type that describes it. */
    public record Body(String contentType, byte[] bytes) {
    }

    public abstract Body encode(Fields fields);

    /** The application/x-www-form-urlencoded form of one name or value. */
    public static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
