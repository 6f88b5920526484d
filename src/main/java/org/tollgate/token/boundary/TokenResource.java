package org.tollgate.token.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenIssuer;
import org.tollgate.token.control.TokenRequest;
import org.tollgate.token.control.TokenResponse;

/** {@code POST /oauth/token}: reads the fields of either form encoding and hands them to the issuer. */
@Path("oauth/token")
public class TokenResource {

    /** RFC 2045's; RFC 7578 section 4.7 deprecates the header in forms, but MIMEPull decodes these. */
    private static final Set<String> KNOWN_TRANSFER_ENCODINGS = Set.of("7bit", "8bit", "binary",
            "quoted-printable", "base64");

    private final Supplier<TokenIssuer> issuer;
    private final EventRecorder events;

    TokenResource(Supplier<TokenIssuer> issuer, EventRecorder events) {
        this.issuer = issuer;
        this.events = events;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response multipart(@FormDataParam(TokenRequest.GRANT_TYPE) List<FormDataBodyPart> grantType,
                              @FormDataParam(TokenRequest.CLIENT_ID) List<FormDataBodyPart> clientId,
                              @FormDataParam(TokenRequest.CLIENT_SECRET) List<FormDataBodyPart> clientSecret,
                              @FormDataParam(TokenRequest.SCOPE) List<FormDataBodyPart> scope,
                              @FormDataParam(TokenRequest.USERNAME) List<FormDataBodyPart> username,
                              @FormDataParam(TokenRequest.PASSWORD) List<FormDataBodyPart> password,
                              @FormDataParam(TokenRequest.REFRESH_TOKEN) List<FormDataBodyPart> refreshToken,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @Context HttpServletRequest http) {
        return issue(() -> {
            Map<String, List<String>> fields = new HashMap<>();
            put(fields, TokenRequest.GRANT_TYPE, grantType);
            put(fields, TokenRequest.CLIENT_ID, clientId);
            put(fields, TokenRequest.CLIENT_SECRET, clientSecret);
            put(fields, TokenRequest.SCOPE, scope);
            put(fields, TokenRequest.USERNAME, username);
            put(fields, TokenRequest.PASSWORD, password);
            put(fields, TokenRequest.REFRESH_TOKEN, refreshToken);
            return fields;
        }, authorization, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(MultivaluedMap<String, String> form,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @Context HttpServletRequest http) {
        // a POST with no body and no Content-Type arrives here with no form at all
        return issue(() -> form == null ? Map.of() : form, authorization, http);
    }

    /** Any other content type, or none. */
    @POST
    public Response unsupported(@Context HttpServletRequest http) {
        return issue(() -> {
            throw new OAuthException(OAuthError.INVALID_REQUEST,
                    "Content-Type must be application/x-www-form-urlencoded or multipart/form-data");
        }, null, http);
    }

    /** Issues, and reports the outcome to the audit log and the metrics whatever it is. */
    private Response issue(Supplier<Map<String, List<String>>> fields, String authorization, HttpServletRequest http) {
        long start = System.nanoTime();
        TokenRequest request = null;
        try {
            request = TokenRequest.from(fields.get(), authorization, http.getRemoteAddr());
            TokenResponse response = issuer.get().issue(request);
            TokenRequest issued = request;
            events.record(recorder -> recorder.issued(issued, response, http.getRemoteAddr(), start));
            return NoStore.json(Response.ok(response)).build();
        } catch (RuntimeException e) {
            TokenRequest refused = request;
            events.record(recorder -> recorder.refused(refused, e, http.getRemoteAddr(), start));
            throw e;
        }
    }

    private static void put(Map<String, List<String>> fields, String name, List<FormDataBodyPart> parts) {
        if (parts != null && !parts.isEmpty()) {
            fields.put(name, parts.stream().map(part -> textValue(name, part)).toList());
        }
    }

    /** RFC 7578 fields are text; a part that declares another type (a file, nested multipart) is refused. */
    private static String textValue(String name, FormDataBodyPart part) {
        if (!"text".equalsIgnoreCase(part.getMediaType().getType())) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Field '" + name + "' must be a text value");
        }
        String encoding = part.getHeaders().getFirst("Content-Transfer-Encoding");
        if (encoding != null && !KNOWN_TRANSFER_ENCODINGS.contains(encoding.trim().toLowerCase(Locale.ROOT))) {
            // MIMEPull cannot decode it, and Jersey then fails (a NullPointerException on Payara) rather than refuse
            throw new OAuthException(OAuthError.INVALID_REQUEST,
                    "Field '" + name + "' has an unknown Content-Transfer-Encoding");
        }
        try {
            return part.getValue();
        } catch (IllegalArgumentException | ProcessingException unreadable) {
            // e.g. a charset parameter naming no charset this JVM knows
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Field '" + name + "' cannot be read as text");
        }
    }
}
