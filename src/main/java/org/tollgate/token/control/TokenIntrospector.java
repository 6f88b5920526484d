package org.tollgate.token.control;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.clients.control.ClientCache;
import org.tollgate.clients.entity.Client;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.token.entity.RevokedAccessToken;
import org.tollgate.users.control.UserAuthenticator;

/**
 * RFC 7662 introspection. Policy: only confidential clients may introspect. Any of them may introspect an
 * access token (resource servers are clients of their own); a refresh token is reported active only to
 * the client it was issued to. Everything else is {@code {"active": false}}. Unlike a resource server that
 * only verifies the signature, introspection sees revocations and disabled users at once, and a client
 * disabled on another node within the client cache's few seconds.
 */
public final class TokenIntrospector {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final UnitOfWork unitOfWork;
    private final ClientAuthenticator clients;
    private final ClientCache clientCache;
    private final AccessTokenVerifier accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final UserAuthenticator users;
    private final String issuer;
    private final Clock clock;

    public TokenIntrospector(UnitOfWork unitOfWork, ClientAuthenticator clients, ClientCache clientCache,
                             AccessTokenVerifier accessTokens, RefreshTokenStore refreshTokens, UserAuthenticator users,
                             String issuer, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.clients = clients;
        this.clientCache = clientCache;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.issuer = issuer;
        this.clock = clock;
    }

    public Map<String, Object> introspect(TokenLookupRequest request) {
        // both before the transaction: the key ring and the client cache may read on a connection of their own
        Client caller = clients.authenticate(request.credentials());
        if (caller.isPublic()) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, "Public clients may not introspect tokens");
        }
        Optional<JWTClaimsSet> verified = accessTokens.verify(request.token()).filter(this::clientEnabled);
        return unitOfWork.run(em -> accessToken(em, verified)
                .or(() -> refreshToken(em, caller, request.token()))
                .orElse(INACTIVE));
    }

    /**
     * Active while nothing it was issued under has ended: the token itself not revoked, its client still
     * enabled (checked before), its user (if any) still enabled, and its refresh token family (if any) neither
     * revoked (RFC 7009 section 2.1, also by a replay, a password reset or an administrator) nor deleted.
     */
    private Optional<Map<String, Object>> accessToken(EntityManager em, Optional<JWTClaimsSet> verified) {
        return verified
                .filter(claims -> em.find(RevokedAccessToken.class, claims.getJWTID()) == null)
                .filter(claims -> userOf(claims).map(user -> users.isEnabled(em, user)).orElse(true))
                .filter(claims -> familyLive(em, (String) claims.getClaim(AccessTokenFactory.GRANT_CLAIM)))
                .map(TokenIntrospector::accessTokenAnswer);
    }

    /** Outside the transaction, like the caller's authentication: the cache may read on a connection of its own. */
    private boolean clientEnabled(JWTClaimsSet claims) {
        Client client = clientCache.find((String) claims.getClaim("client_id"));
        return client != null && client.isEnabled();
    }

    /**
     * The user a token was issued to: a user's tokens carry the time of the sign-in or a refresh token family
     * (only ever a user's). A token with neither predates those claims; there a subject other than the client
     * (whose own tokens have it as subject) is a user, though a user named like the client is not told apart.
     */
    private static Optional<String> userOf(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        boolean user = claims.getClaim(AccessTokenFactory.AUTH_TIME_CLAIM) != null
                || claims.getClaim(AccessTokenFactory.GRANT_CLAIM) != null
                || subject != null && !subject.equals(claims.getClaim("client_id"));
        return user ? Optional.ofNullable(subject) : Optional.empty();
    }

    private static boolean familyLive(EntityManager em, String family) {
        if (family == null) {
            return true;
        }
        Object[] counts = em.createNamedQuery(RefreshToken.FAMILY_STATE, Object[].class)
                .setParameter("family", family).getSingleResult();
        return ((Number) counts[0]).longValue() > 0 && ((Number) counts[1]).longValue() == 0;
    }

    private static Map<String, Object> accessTokenAnswer(JWTClaimsSet claims) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.putAll(claims.toJSONObject());
        userOf(claims).ifPresent(user -> answer.put("username", user));
        answer.put("token_type", "Bearer");
        return answer;
    }

    private Optional<Map<String, Object>> refreshToken(EntityManager em, Client caller, String token) {
        return refreshTokens.find(em, token)
                .filter(t -> t.getClientId().equals(caller.getClientId()))
                .filter(t -> t.getRevokedAt() == null && t.getRotatedAt() == null)
                .filter(t -> t.getExpiresAt().isAfter(clock.instant()))
                .filter(t -> users.isEnabled(em, t.getUsername()))
                .map(this::refreshTokenAnswer);
    }

    private Map<String, Object> refreshTokenAnswer(RefreshToken token) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        if (!token.getScope().isEmpty()) {
            answer.put("scope", token.getScope());
        }
        answer.put("client_id", token.getClientId());
        answer.put("username", token.getUsername());
        // no token_type: RFC 7662 means RFC 6749 section 5.1's (Bearer), which a refresh token has not
        answer.put("exp", token.getExpiresAt().getEpochSecond());
        answer.put("iat", token.getIssuedAt().getEpochSecond());
        answer.put("sub", token.getUsername());
        answer.put("iss", issuer);
        return answer;
    }
}
