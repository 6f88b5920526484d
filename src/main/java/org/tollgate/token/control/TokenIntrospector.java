package org.tollgate.token.control;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tollgate.clients.control.ClientAuthenticator;
import org.tollgate.clients.entity.Client;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.token.entity.RevokedAccessToken;
import org.tollgate.users.control.UserAuthenticator;

/**
 * RFC 7662 introspection. Policy: only confidential clients may introspect. Any of them may introspect an
 * access token (resource servers are clients of their own); a refresh token is reported active only to
 * the client it was issued to. Everything else is {@code {"active": false}}.
 */
public final class TokenIntrospector {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final UnitOfWork unitOfWork;
    private final ClientAuthenticator clients;
    private final AccessTokenVerifier accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final UserAuthenticator users;
    private final String issuer;
    private final Clock clock;

    public TokenIntrospector(UnitOfWork unitOfWork, ClientAuthenticator clients, AccessTokenVerifier accessTokens,
                             RefreshTokenStore refreshTokens, UserAuthenticator users, String issuer, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.clients = clients;
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
        Optional<JWTClaimsSet> verified = accessTokens.verify(request.token());
        return unitOfWork.run(em -> accessToken(em, verified)
                .or(() -> refreshToken(em, caller, request.token()))
                .orElse(INACTIVE));
    }

    private static Optional<Map<String, Object>> accessToken(EntityManager em, Optional<JWTClaimsSet> verified) {
        return verified
                .filter(claims -> em.find(RevokedAccessToken.class, claims.getJWTID()) == null)
                .map(TokenIntrospector::accessTokenAnswer);
    }

    private static Map<String, Object> accessTokenAnswer(JWTClaimsSet claims) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.putAll(claims.toJSONObject());
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
        answer.put("token_type", "refresh_token");
        answer.put("exp", token.getExpiresAt().getEpochSecond());
        answer.put("iat", token.getIssuedAt().getEpochSecond());
        answer.put("sub", token.getUsername());
        answer.put("iss", issuer);
        return answer;
    }
}
