package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/** The failures seen while PostgreSQL stopped and started under load (DatabaseStopsMidLoadIT). */
class DatabaseFailuresTest {

    @Test
    void whenThePoolCannotConnectThenUnavailableThoughHibernateCallsItGeneric() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        SQLException pool = new SQLException("Cannot create PoolableConnectionFactory", refused);
        assertTrue(DatabaseFailures.isUnavailable(new GenericJDBCException("Unable to acquire JDBC Connection", pool)));
    }

    @Test
    void whenThePoolHasNoFreeConnectionInTimeThenUnavailable() {
        SQLException exhausted = new SQLException("Cannot get a connection, pool error Timeout waiting for idle object",
                new java.util.NoSuchElementException("Timeout waiting for idle object"));
        assertTrue(DatabaseFailures.isUnavailable(new GenericJDBCException("Unable to acquire JDBC Connection", exhausted)));
    }

    @Test
    void whenPostgresqlIsShuttingDownOrStartingUpThenUnavailable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006"}) {
            assertTrue(DatabaseFailures.isUnavailable(new RuntimeException(new SQLException("FATAL", state))), state);
        }
    }

    @Test
    void whenPostgresqlIsShortOfAResourceThenUnavailable() {
        // too_many_connections (max_connections, or the role's CONNECTION LIMIT), disk_full, out_of_memory
        for (String state : new String[] {"53300", "53100", "53200"}) {
            assertTrue(DatabaseFailures.isUnavailable(new GenericJDBCException("Unable to acquire JDBC Connection",
                    new SQLException("FATAL", state))), state);
        }
    }

    @Test
    void whenTheDatabaseCannotWriteItsFileThenUnavailable() {
        // embedded H2 on a full disk (EmbeddedDiskFullIT): a general error, the IOException deep in its causes
        SQLException general = new SQLException("General error: Writing failed", "HY000",
                new IllegalStateException("Writing failed", new java.io.IOException("No space left on device")));
        assertTrue(DatabaseFailures.isUnavailable(new GenericJDBCException("Unable to commit", general)));
        assertFalse(DatabaseFailures.isUnavailable(
                new IllegalStateException(new java.io.IOException("not the database's"))));
    }

    @Test
    void whenTheFailureIsAboutTheDataThenNotUnavailable() {
        assertFalse(DatabaseFailures.isUnavailable(new GenericJDBCException("duplicate key",
                new SQLException("duplicate key value", "23505"))));
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("no state")));
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("one character", "5")));
        assertFalse(DatabaseFailures.isUnavailable(new IllegalStateException("bug")));
    }

    @Test
    void whenAUniqueKeyIsTakenThenDuplicateKeyAndOnlyThen() {
        assertTrue(DatabaseFailures.isDuplicateKey(new jakarta.persistence.RollbackException(new GenericJDBCException(
                "could not execute statement", new SQLException("Unique index or primary key violation", "23505")))));
        assertFalse(DatabaseFailures.isDuplicateKey(new GenericJDBCException("not null",
                new SQLException("null value in column", "23502"))));
        assertFalse(DatabaseFailures.isDuplicateKey(new SQLException("no state")));
        assertFalse(DatabaseFailures.isDuplicateKey(new IllegalStateException("bug")));
    }
}
