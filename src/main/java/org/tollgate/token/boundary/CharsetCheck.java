package org.tollgate.token.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

/** A body whose declared charset this JVM does not know is refused before any reader tries to decode it. */
@PreMatching
class CharsetCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException malformed) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Malformed Content-Type");
        }
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isKnown(charset)) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Unsupported charset in Content-Type");
        }
    }

    private static boolean isKnown(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException illegalName) {
            return false;
        }
    }
}
