package org.tollgate.operations.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
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
 * row deleted by another node is simply not found. It deletes in batches, a transaction each, so that a
 * backlog (the first run after a long outage, or a busy day's refreshes) neither holds locks nor piles up
 * undo for long, and an undeploy stops it between two batches.
 */
public final class ExpiredRowsPurge implements AutoCloseable {

    /** Also the delay of the first run, so that a deploy does not start with a long delete. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    public static final Duration KEPT_AFTER_END = Duration.ofDays(1);
    static final int BATCH = 1000;
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
    private final int batch;
    private final PeriodicTask schedule;
    private volatile boolean closing;

    /** Starts the schedule; {@code longestFailureWindow} is the longest brute-force window in use. */
    public ExpiredRowsPurge(EntityManagerFactory emf, Duration longestFailureWindow, Clock clock) {
        this(emf, longestFailureWindow, clock, BATCH);
    }

    ExpiredRowsPurge(EntityManagerFactory emf, Duration longestFailureWindow, Clock clock, int batch) {
        this.emf = emf;
        this.longestFailureWindow = longestFailureWindow;
        this.clock = clock;
        this.batch = batch;
        this.schedule = PeriodicTask.start("tollgate-purge", INTERVAL, this::purgeAndLog);
    }

    /** One run: each table until a batch finds fewer rows than a full one (or until closed). */
    public Purged purge() {
        Instant kept = clock.instant().minus(KEPT_AFTER_END);
        Instant windowBefore = kept.minus(longestFailureWindow);
        return new Purged(
                deleteInBatches(RefreshToken.EXPIRED, RefreshToken.DELETE_EXPIRED,
                        query -> query.setParameter("before", kept)),
                deleteInBatches(RevokedAccessToken.EXPIRED, RevokedAccessToken.DELETE_EXPIRED,
                        query -> query.setParameter("before", kept)),
                deleteInBatches(LoginFailures.STALE, LoginFailures.DELETE_STALE,
                        query -> query.setParameter("windowBefore", windowBefore).setParameter("lockBefore", kept)));
    }

    /**
     * Selects a batch of keys and deletes those rows, with the same condition again (a row may have changed
     * in between), in one transaction; repeats while batches come back full.
     */
    private int deleteInBatches(String select, String delete, Function<Query, Query> condition) {
        int deleted = 0;
        Batch last;
        do {
            last = Transactions.inTransaction(emf, em -> deleteBatch(em, select, delete, condition));
            deleted += last.deleted();
        } while (last.found() == batch && !closing);
        return deleted;
    }

    private Batch deleteBatch(EntityManager em, String select, String delete, Function<Query, Query> condition) {
        List<?> keys = condition.apply(em.createNamedQuery(select)).setMaxResults(batch).getResultList();
        if (keys.isEmpty()) {
            return new Batch(0, 0);
        }
        return new Batch(keys.size(),
                condition.apply(em.createNamedQuery(delete)).setParameter("keys", keys).executeUpdate());
    }

    private record Batch(int found, int deleted) {
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
        closing = true;
        schedule.close();
    }
}
