package org.tollgate.operations.control;

import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.persistence.Transactions;
import org.tollgate.threads.PeriodicTask;
import org.tollgate.token.entity.RefreshToken;
import org.tollgate.token.entity.RevokedAccessToken;
import org.tollgate.users.entity.LoginFailures;

/**
 * Deletes the rows that no longer decide any answer, which every refresh, revocation and failed login
 * would otherwise add for good: refresh tokens past their expiry (rotated and revoked ones included),
 * revoked access token ids past the token's expiry, and login failures whose window and lock have both
 * ended. Each is kept {@link #KEPT_AFTER_END} longer, for clocks that differ between nodes and so that a
 * stolen refresh token replayed just after it expired still revokes its family. Every node runs it; a
 * row deleted by another node is simply not found.
 */
public final class ExpiredRowsPurge implements AutoCloseable {

    /** Also the delay of the first run, so that a deploy does not start with a long delete. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    public static final Duration KEPT_AFTER_END = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(ExpiredRowsPurge.class.getName());

    /** Rows deleted by one run, per table. */
    public record Purged(int refreshTokens, int revokedAccessTokens, int loginFailures) {

        int total() {
            return refreshTokens + revokedAccessTokens + loginFailures;
        }
    }

    private final EntityManagerFactory emf;
    private final Duration longestFailureWindow;
    private final Clock clock;
    private final PeriodicTask schedule;

    /** Starts the schedule; {@code longestFailureWindow} is the longest brute-force window in use. */
    public ExpiredRowsPurge(EntityManagerFactory emf, Duration longestFailureWindow, Clock clock) {
        this.emf = emf;
        this.longestFailureWindow = longestFailureWindow;
        this.clock = clock;
        this.schedule = PeriodicTask.start("tollgate-purge", INTERVAL, this::purgeAndLog);
    }

    /** One run, in one transaction: every table or none. */
    public Purged purge() {
        Instant kept = clock.instant().minus(KEPT_AFTER_END);
        return Transactions.inTransaction(emf, em -> new Purged(
                em.createNamedQuery(RefreshToken.DELETE_EXPIRED).setParameter("before", kept).executeUpdate(),
                em.createNamedQuery(RevokedAccessToken.DELETE_EXPIRED).setParameter("before", kept).executeUpdate(),
                em.createNamedQuery(LoginFailures.DELETE_STALE)
                        .setParameter("windowBefore", kept.minus(longestFailureWindow))
                        .setParameter("lockBefore", kept)
                        .executeUpdate()));
    }

    private void purgeAndLog() {
        try {
            Purged purged = purge();
            if (purged.total() > 0) {
                LOG.info(() -> "Deleted " + purged.refreshTokens() + " expired refresh tokens, "
                        + purged.revokedAccessTokens() + " ids of expired revoked access tokens and "
                        + purged.loginFailures() + " ended login failure records");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Deleting expired rows failed; will try again in " + INTERVAL.toMinutes()
                    + " minutes", e);
        }
    }

    @Override
    public void close() {
        schedule.close();
    }
}
