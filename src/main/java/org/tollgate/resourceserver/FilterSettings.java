package org.tollgate.resourceserver;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The filter's init-params, checked once at start so a typo fails the deployment, not every request. */
record FilterSettings(String issuer, URL jwksUri, String audience, Set<String> requiredScopes, String realm,
                      int clockSkewSeconds, int jwksMinRefreshSeconds, long jwksOutageToleranceSeconds) {

    /** Nimbus keeps a fetched JWKS this long, and wants the least interval between two fetches shorter. */
    private static final int CACHE_SECONDS = (int) (JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE / 1000);

    static FilterSettings from(FilterConfig config) throws ServletException {
        String issuer = param(config, "issuer", null);
        if (issuer == null) {
            throw new ServletException("BearerTokenFilter needs the init-param 'issuer'");
        }
        String jwks = param(config, "jwks-uri", stripSlash(issuer) + "/oauth/jwks");
        String scopes = param(config, "required-scope", "");
        FilterSettings settings;
        try {
            settings = new FilterSettings(issuer, URI.create(jwks).toURL(), param(config, "audience", null),
                    scopes.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.trim().split("\\s+"))),
                    param(config, "realm", "tollgate"),
                    Integer.parseInt(param(config, "clock-skew", "60")),
                    Integer.parseInt(param(config, "jwks-min-refresh", "30")),
                    Long.parseLong(param(config, "jwks-outage-tolerance", "86400")));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new ServletException("BearerTokenFilter: bad init-param (" + e.getMessage() + ")", e);
        }
        if (settings.jwksMinRefreshSeconds() < 0 || settings.jwksMinRefreshSeconds() >= CACHE_SECONDS) {
            throw new ServletException("BearerTokenFilter: init-param 'jwks-min-refresh' must be from 0 to "
                    + (CACHE_SECONDS - 1) + " seconds");
        }
        if (settings.jwksOutageToleranceSeconds() < 0) {
            throw new ServletException("BearerTokenFilter: init-param 'jwks-outage-tolerance' must be 0 or more");
        }
        return settings;
    }

    TokenVerifier verifier() {
        return new TokenVerifier(jwksUri, issuer, audience, clockSkewSeconds, jwksMinRefreshSeconds * 1000L,
                jwksOutageToleranceSeconds * 1000L);
    }

    private static String param(FilterConfig config, String name, String fallback) {
        String value = config.getInitParameter(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
