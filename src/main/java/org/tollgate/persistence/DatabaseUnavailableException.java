package org.tollgate.persistence;

/**
 * The database cannot be reached: its DataSource is not bound, or it refuses connections. Unlike every
 * other start failure this one may pass by itself, so Tollgate keeps trying.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String database, Throwable cause) {
        // the first line only: Flyway's messages go on over several, and this one is a single log line
        super("Cannot reach the database, " + database + ": " + String.valueOf(cause.getMessage()).lines()
                .findFirst().orElse(""), cause);
    }
}
