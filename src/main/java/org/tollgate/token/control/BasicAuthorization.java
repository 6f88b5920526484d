package org.tollgate.token.control;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Reads client_secret_basic credentials (RFC 6749 section 2.3.1: id and secret are form-urlencoded first). */
final class BasicAuthorization {

    private static final String SCHEME = "basic ";

    private BasicAuthorization() {
    }

    static boolean isBasic(String authorization) {
        return authorization != null && authorization.length() >= SCHEME.length()
                && authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME);
    }

    /** @throws OAuthException invalid_client when the header is not well-formed */
    static ClientCredentials parse(String authorization) {
        try {
            String decoded = utf8(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()));
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                throw malformed();
            }
            String clientId = formDecode(decoded.substring(0, colon));
            String secret = formDecode(decoded.substring(colon + 1));
            if (clientId.isEmpty()) {
                throw malformed();
            }
            return new ClientCredentials(ClientCredentials.Method.BASIC, clientId, secret);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw malformed();
        }
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static String formDecode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static OAuthException malformed() {
        return new OAuthException(OAuthError.INVALID_CLIENT, "Malformed Basic authorization header");
    }
}
