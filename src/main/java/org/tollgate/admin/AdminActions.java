package org.tollgate.admin;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tollgate.operations.control.AuditLog;

/**
 * Runs one administrative change and audits it, whatever its outcome. What reaches the JMX client is
 * always a plain JDK exception with a readable text (JConsole cannot deserialize Hibernate's), and an
 * unexpected failure's detail goes to the server log only.
 */
final class AdminActions {

    /** Admin changes come over JMX, which tells an MBean nothing about the caller's address. */
    static final String REMOTE = "jmx";
    private static final Logger LOG = Logger.getLogger(AdminActions.class.getName());

    private final AuditLog audit;

    AdminActions(AuditLog audit) {
        this.audit = audit;
    }

    /** @param extra key, value pairs for the audit line */
    <T> T run(String event, String client, String user, Supplier<T> change, String... extra) {
        try {
            T result = change.get();
            audit.log(new AuditLog.Event(event, client, user, null, "success", null, REMOTE), extra);
            return result;
        } catch (IllegalArgumentException e) {
            audit.log(new AuditLog.Event(event, client, user, null, "refused", "invalid_request", REMOTE), extra);
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Administrative change " + event + " failed", e);
            audit.log(new AuditLog.Event(event, client, user, null, "failed", "server_error", REMOTE), extra);
            throw new IllegalStateException(event + " failed; the server log has the detail");
        }
    }

    /** A read: not audited, but its failures are reported like a change's. */
    static <T> T read(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Reading " + what + " failed", e);
            throw new IllegalStateException("Reading " + what + " failed; the server log has the detail");
        }
    }
}
