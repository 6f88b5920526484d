package org.tollgate.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.TestSettings;
import org.tollgate.config.Settings;
import org.tollgate.persistence.Database;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.control.Scope;
import org.tollgate.token.control.UnitOfWork;
import org.tollgate.token.entity.RevokedAccessToken;
import org.tollgate.users.control.LoginThrottle;
import org.tollgate.users.control.ThrottlePolicy;
import org.tollgate.users.entity.LoginFailures;

/**
 * The purge deletes what can no longer change an answer and keeps everything that still can, on the
 * embedded H2 database: it runs two days and an hour after the rows were written.
 */
class ExpiredRowsPurgeIT {

    private static final Duration LATER = Duration.ofDays(2).plusHours(1);
    private static final ThrottlePolicy THROTTLE = new ThrottlePolicy(3, 5, 900, Duration.ofDays(5).toSeconds());

    @TempDir
    Path dataDir;

    @Test
    void whenRowsEndedMoreThanADayAgoThenTheyAreDeletedAndTheOthersKept() {
        try (Database database = Database.open(settings())) {
            var emf = database.entityManagerFactory();
            UnitOfWork unitOfWork = new UnitOfWork(emf);
            Clock now = Clock.systemUTC();
            RefreshTokenStore store = new RefreshTokenStore(now);
            String expiredLongAgo = issue(unitOfWork, store, Duration.ofMinutes(1));
            String expiredRecently = issue(unitOfWork, store, Duration.ofDays(1).plusHours(2));
            String live = issue(unitOfWork, store, Duration.ofDays(3));
            revokeAccessToken(unitOfWork, "jti-expired-long-ago", now.instant().plus(Duration.ofMinutes(1)));
            revokeAccessToken(unitOfWork, "jti-live", now.instant().plus(Duration.ofDays(3)));
            LoginThrottle throttle = new LoginThrottle(emf, THROTTLE, THROTTLE, now);
            unitOfWork.run(em -> {
                throttle.recordFailure(em, "alice", "192.0.2.1");
                for (int i = 0; i < THROTTLE.maxFailures(); i++) {
                    throttle.recordFailure(em, "mallory", "192.0.2.2");
                }
                return null;
            });

            try (ExpiredRowsPurge purge = new ExpiredRowsPurge(emf, Duration.ofSeconds(THROTTLE.windowSeconds()),
                    Clock.offset(now, LATER))) {
                assertEquals(new ExpiredRowsPurge.Purged(1, 1, 2), purge.purge(),
                        "deleted: one refresh token, one revoked jti, the failures of alice and of her address");
                unitOfWork.run(em -> {
                    assertFalse(store.find(em, expiredLongAgo).isPresent());
                    assertTrue(store.find(em, expiredRecently).isPresent(), "expired a day ago at most: kept");
                    assertTrue(store.find(em, live).isPresent());
                    assertNull(em.find(RevokedAccessToken.class, "jti-expired-long-ago"));
                    assertNotNull(em.find(RevokedAccessToken.class, "jti-live"));
                    assertNull(em.find(LoginFailures.class, "user:alice"));
                    assertNull(em.find(LoginFailures.class, "address:192.0.2.1"));
                    assertNotNull(em.find(LoginFailures.class, "user:mallory"), "still locked: kept");
                    assertNotNull(em.find(LoginFailures.class, "address:192.0.2.2"), "still locked: kept");
                    return null;
                });
                assertEquals(new ExpiredRowsPurge.Purged(0, 0, 0), purge.purge(), "nothing left to delete");
            }
        }
    }

    @Test
    void whenMoreRowsEndedThanOneBatchHoldsThenBatchesDeleteThemAll() {
        try (Database database = Database.open(settings())) {
            var emf = database.entityManagerFactory();
            UnitOfWork unitOfWork = new UnitOfWork(emf);
            RefreshTokenStore store = new RefreshTokenStore(Clock.systemUTC());
            List<String> expired = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expired.add(issue(unitOfWork, store, Duration.ofMinutes(1)));
            }
            String live = issue(unitOfWork, store, Duration.ofDays(3));

            try (ExpiredRowsPurge purge = new ExpiredRowsPurge(emf, Duration.ofSeconds(THROTTLE.windowSeconds()),
                    Clock.offset(Clock.systemUTC(), LATER), 2)) {
                assertEquals(new ExpiredRowsPurge.Purged(5, 0, 0), purge.purge(), "batches of 2, 2 and 1");
                unitOfWork.run(em -> {
                    expired.forEach(token -> assertFalse(store.find(em, token).isPresent()));
                    assertTrue(store.find(em, live).isPresent());
                    return null;
                });
            }
        }
    }

    private Settings settings() {
        return TestSettings.embeddedIn(dataDir);
    }

    private static String issue(UnitOfWork unitOfWork, RefreshTokenStore store, Duration ttl) {
        return unitOfWork.run(em -> store.issue(em, store.newValue(), "family-" + ttl, "client", "user", null,
                Scope.parse("read"), ttl.toSeconds()));
    }

    private static void revokeAccessToken(UnitOfWork unitOfWork, String jti, Instant expiresAt) {
        unitOfWork.run(em -> {
            em.persist(new RevokedAccessToken(jti, "client", expiresAt));
            return null;
        });
    }
}
