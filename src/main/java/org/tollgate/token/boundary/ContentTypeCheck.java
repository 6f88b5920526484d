package org.tollgate.token.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;

/**
 * Refused before any resource is matched: a malformed Content-Type; a wildcard one, which Jersey would
 * match to the form reader although it names no format (RFC 9110 8.3: the sender names the body's media
 * type); and a charset this JVM does not know, before any reader tries to decode with it.
 */
@PreMatching
class ContentTypeCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException malformed) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Malformed Content-Type");
        }
        if (type != null && (type.isWildcardType() || type.isWildcardSubtype())) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Content-Type must name a media type, not a wildcard");
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
