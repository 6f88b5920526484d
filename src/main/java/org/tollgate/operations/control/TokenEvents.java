package org.tollgate.operations.control;

import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.RefreshTokenGrantHandler;
import org.tollgate.token.control.TokenLookupRequest;
import org.tollgate.token.control.TokenRequest;
import org.tollgate.token.control.TokenResponse;

/**
 * What the endpoints report once a request is answered: one audit line and one timer sample. Called by
 * the resources, which know the remote address; the issuer itself stays free of it.
 */
public final class TokenEvents {

    private final AuditLog audit;
    private final TokenMetrics metrics;

    public TokenEvents(AuditLog audit, TokenMetrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    public void issued(TokenRequest request, TokenResponse response, String remote, long startNanos) {
        metrics.token(request.grantType(), null, System.nanoTime() - startNanos);
        boolean refreshed = RefreshTokenGrantHandler.GRANT_TYPE.equals(request.grantType());
        audit.log(new AuditLog.Event(refreshed ? "token.refreshed" : "token.issued", request.credentials().clientId(),
                response.username(), request.grantType(), TokenMetrics.SUCCESS, null, remote),
                "jti", response.jti(), "family", response.refreshFamily());
    }

    /** @param request null when the request could not even be read */
    public void refused(TokenRequest request, RuntimeException failure, String remote, long startNanos) {
        OAuthError error = error(failure);
        String grant = request == null ? null : request.grantType();
        metrics.token(grant, error, System.nanoTime() - startNanos);
        audit.log(new AuditLog.Event("token.refused", request == null ? null : request.credentials().clientId(),
                request == null ? null : request.username(), grant, outcome(error), error.code(), remote));
    }

    /** @param request null when the request could not be read; failure null on success */
    public void revoked(TokenLookupRequest request, RuntimeException failure, String remote, long startNanos) {
        OAuthError error = failure == null ? null : error(failure);
        metrics.revocation(error, System.nanoTime() - startNanos);
        audit.log(new AuditLog.Event("token.revoked", request == null ? null : request.credentials().clientId(),
                null, null, outcome(error), error == null ? null : error.code(), remote));
    }

    /** @param request null when the request could not be read; failure null on success */
    public void introspected(TokenLookupRequest request, RuntimeException failure, Boolean active, String remote,
                             long startNanos) {
        OAuthError error = failure == null ? null : error(failure);
        metrics.introspection(error, System.nanoTime() - startNanos);
        audit.log(new AuditLog.Event("token.introspected",
                request == null ? null : request.credentials().clientId(), null, null, outcome(error),
                error == null ? null : error.code(), remote), "active", active == null ? null : active.toString());
    }

    private static OAuthError error(RuntimeException failure) {
        return failure instanceof OAuthException e ? e.error() : OAuthError.SERVER_ERROR;
    }

    /** refused: the client's doing; failed: the server's (500, 503). */
    private static String outcome(OAuthError error) {
        if (error == null) {
            return TokenMetrics.SUCCESS;
        }
        return error == OAuthError.SERVER_ERROR || error == OAuthError.TEMPORARILY_UNAVAILABLE ? "failed" : "refused";
    }
}
