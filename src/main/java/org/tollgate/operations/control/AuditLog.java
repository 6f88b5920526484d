package org.tollgate.operations.control;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail: one line per token event and per administrative change, through java.util.logging
 * under its own logger name ({@value #LOGGER}), so the server's logging can route it to a file of its own.
 * Lines are {@code key=value} pairs in a fixed order, "-" for an absent value; a value with a space, a
 * quote, an equals sign or a control character is quoted and escaped, so one event is always one line.
 * Callers pass no secret and no token here (a jti or a family id is not one).
 */
public final class AuditLog {

    public static final String LOGGER = "org.tollgate.audit";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    /** Longer values (an absurd grant_type, say) are cut, so a line stays a line. */
    private static final int MAX_VALUE = 200;

    private final Clock clock;

    /** One event: what happened to whom, and how it ended. */
    public record Event(String event, String client, String user, String grant, String outcome, String reason,
                        String remote) {
    }

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** @param extra further key, value pairs (a jti, a family id, a kid) */
    public void log(Event e, String... extra) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        StringBuilder line = new StringBuilder(160);
        append(line, "time", clock.instant().toString());
        append(line, "event", e.event());
        append(line, "client", e.client());
        append(line, "user", e.user());
        append(line, "grant", e.grant());
        append(line, "outcome", e.outcome());
        append(line, "reason", e.reason());
        append(line, "remote", e.remote());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            append(line, extra[i], extra[i + 1]);
        }
        // the source named here spares JUL a stack walk per line to find it
        LOG.logp(Level.INFO, AuditLog.class.getName(), "log", line.toString());
    }

    static void append(StringBuilder line, String key, String value) {
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(key).append('=');
        if (value == null || value.isEmpty()) {
            line.append('-');
            return;
        }
        String cut = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value;
        if (plain(cut)) {
            line.append(cut);
            return;
        }
        line.append('"');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '"' || c == '=' || c == '\\'
                    || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return !"-".equals(value);
    }
}
