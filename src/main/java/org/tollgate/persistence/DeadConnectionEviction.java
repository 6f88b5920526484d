package org.tollgate.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Makes the embedded pool drop a connection that H2 calls dead. When a write fails (a full disk, say), H2
 * closes the database, and every open connection then fails with codes outside SQL state class 08, which
 * HikariCP would not evict on; a connection in steady use also skips HikariCP's validation on checkout. So
 * the pool handed the same dead connections out until a redeploy. Evicted, they are replaced by new ones,
 * and a new connection opens the database again once it can.
 */
final class DeadConnectionEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        // H2 raises this class for a closed database or session, a broken connection, and the failures that
        // close its database (a corrupt file, running out of memory): a connection that cannot be used again
        return failure instanceof SQLNonTransientConnectionException
                ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}
