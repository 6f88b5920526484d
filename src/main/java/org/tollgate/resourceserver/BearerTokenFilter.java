package org.tollgate.resourceserver;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A servlet filter that admits only requests carrying a valid Tollgate access token (RFC 6750
 * {@code Authorization: Bearer}). Init-params:
 * <ul>
 * <li>{@code issuer} (required): the issuer tokens must name;</li>
 * <li>{@code jwks-uri}: where the public keys are; by default {@code <issuer>/oauth/jwks};</li>
 * <li>{@code audience}: a value the token's {@code aud} must contain;</li>
 * <li>{@code required-scope}: space-separated scopes the token must all carry;</li>
 * <li>{@code realm}: the realm named in challenges (default {@code tollgate});</li>
 * <li>{@code clock-skew}: seconds of tolerance on {@code exp} (default 60);</li>
 * <li>{@code jwks-min-refresh}: the fewest seconds between two fetches of the JWKS, however many unknown
 * kids arrive (default 30, at most 299);</li>
 * <li>{@code jwks-outage-tolerance}: while the JWKS cannot be fetched, for how many seconds the keys of the
 * last fetch still verify tokens (default 86400; 0: none). Without keys the filter answers 503.</li>
 * </ul>
 * The admitted request's user principal is a {@link TollgatePrincipal}; {@code isUserInRole(scope)}
 * tells whether a scope was granted.
 */
public class BearerTokenFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());
    private static final String BEARER = "bearer ";

    private volatile TokenVerifier verifier;
    private volatile long lastKeysWarning = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);
    private Set<String> requiredScopes;
    private String realm;

    @Override
    public void init(FilterConfig config) throws ServletException {
        FilterSettings settings = FilterSettings.from(config);
        this.verifier = settings.verifier();
        this.requiredScopes = settings.requiredScopes();
        this.realm = settings.realm();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String token = bearerToken(request.getHeader("Authorization"));
        if (token == null) {
            Challenge.missingToken(realm).send(response);
            return;
        }
        JWTClaimsSet claims;
        try {
            claims = verifier.verify(token);
        } catch (TokenVerifier.InvalidTokenException e) {
            LOG.fine(() -> "Bearer token refused: " + e.getMessage());
            Challenge.invalidToken(realm, e.getMessage()).send(response);
            return;
        } catch (TokenVerifier.KeysUnavailableException e) {
            keysUnavailable(response, e);
            return;
        }
        Set<String> granted = scopes(claims);
        if (!granted.containsAll(requiredScopes)) {
            Challenge.insufficientScope(realm, requiredScopes).send(response);
            return;
        }
        TollgatePrincipal principal = new TollgatePrincipal(claims.getSubject(),
                (String) claims.getClaim("client_id"), granted, claims.toJSONObject());
        chain.doFilter(new AuthenticatedRequest(request, principal), response);
    }

    /**
     * Not the token's fault, so no invalid_token, which would make a client drop a good token and sign in
     * again: 503, to try again shortly. Logged at most once a minute, however many requests meet it.
     */
    private void keysUnavailable(HttpServletResponse response, TokenVerifier.KeysUnavailableException e)
            throws IOException {
        long now = System.nanoTime();
        if (now - lastKeysWarning > TimeUnit.MINUTES.toNanos(1)) {
            lastKeysWarning = now;
            LOG.warning(() -> "Cannot fetch the issuer's signing keys, answering 503: " + e.getMessage());
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write("{\"error\":\"temporarily_unavailable\","
                + "\"error_description\":\"The token issuer's keys cannot be fetched; try again later\"}");
    }

    /** The token of an RFC 6750 section 2.1 header; null when there is none. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        return scope instanceof String s && !s.isBlank()
                ? new LinkedHashSet<>(Arrays.asList(s.split(" "))) : Set.of();
    }
}
