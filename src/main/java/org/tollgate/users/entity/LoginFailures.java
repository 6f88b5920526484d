package org.tollgate.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Recent failed password logins of one subject: {@code user:<name>} or {@code address:<ip>}. */
@Entity
@Table(name = "login_failures")
@NamedQuery(name = LoginFailures.FORGET, query = "delete from LoginFailures f where f.subject = :subject")
@NamedQuery(name = LoginFailures.STALE, query = "select f.subject from LoginFailures f"
        + " where f.windowStart < :windowBefore and (f.lockedUntil is null or f.lockedUntil < :lockBefore)")
// repeats the condition: another node may have counted a new failure since the select
@NamedQuery(name = LoginFailures.DELETE_STALE, query = "delete from LoginFailures f where f.subject in :keys"
        + " and f.windowStart < :windowBefore and (f.lockedUntil is null or f.lockedUntil < :lockBefore)")
public class LoginFailures {

    public static final String FORGET = "LoginFailures.forget";
    public static final String STALE = "LoginFailures.stale";
    public static final String DELETE_STALE = "LoginFailures.deleteStale";

    @Id
    @Column(name = "subject", length = 320)
    private String subject;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected LoginFailures() {
    }

    public LoginFailures(String subject, Instant now) {
        this.subject = subject;
        this.windowStart = now;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Counts one more failure, starting a new window when the last one has passed. */
    public int count(Instant now, long windowSeconds) {
        if (windowStart.plusSeconds(windowSeconds).isBefore(now)) {
            failures = 0;
            windowStart = now;
        }
        return ++failures;
    }

    public void lockUntil(Instant until) {
        if (lockedUntil == null || until.isAfter(lockedUntil)) {
            lockedUntil = until;
        }
    }
}
