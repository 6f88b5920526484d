package org.tollgate.persistence;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a failure that means "the database is not there right now" from any other. Hibernate's own
 * classification is not enough: a pool that cannot open a connection wraps the driver's error in a plain
 * SQLException, and PostgreSQL's shutdown messages carry SQL states outside class 08. A pool with no
 * free connection within its wait counts too: the client should come back shortly, as with an outage. So
 * does a PostgreSQL short of a resource (class 53): a database shared with other applications that has
 * reached max_connections, or a role's connection limit, refuses each new connection with 53300, and a full
 * disk fails each write with 53100; no request can succeed until that changes, and none is at fault.
 * Embedded H2 that cannot write its file (a full disk, say) reports a general error, with the write's
 * IOException as its cause, and then closes the database, which the pool reopens (DeadConnectionEviction).
 */
public final class DatabaseFailures {

    /** SQL state classes: 08 "connection exception" (the SQL standard), 53 "insufficient resources" (PostgreSQL). */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53");
    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        boolean fromTheDatabase = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            fromTheDatabase |= t instanceof SQLException;
            if (fromTheDatabase && t instanceof IOException) {
                // its storage failed: H2 on a full disk says "General error", but carries the write's IOException
                return true;
            }
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (unavailableState(sql.getSQLState())
                    || sql.getCause() instanceof NoSuchElementException)) {
                // the second: a pool (Commons Pool, as in Tomcat's DBCP) had no connection to give in time
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A unique key already taken (SQL state 23505, PostgreSQL's and H2's alike): another request wrote it first. */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state != null && (UNAVAILABLE_CLASSES.contains(state.substring(0, Math.min(2, state.length())))
                || UNAVAILABLE_STATES.contains(state));
    }
}
