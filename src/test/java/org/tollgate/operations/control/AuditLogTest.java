package org.tollgate.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final AuditLog audit = new AuditLog(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

    @BeforeEach
    void listen() {
        Logger.getLogger(AuditLog.LOGGER).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(AuditLog.LOGGER).removeHandler(capture);
    }

    @Test
    void whenATokenIsIssuedThenOneLineHasEveryFieldInOrder() {
        audit.log(new AuditLog.Event("token.issued", "app", "alice", "password", "success", null, "127.0.0.1"),
                "jti", "j-1", "family", null);
        assertEquals(List.of("time=2026-01-02T03:04:05Z event=token.issued client=app user=alice grant=password"
                + " outcome=success reason=- remote=127.0.0.1 jti=j-1 family=-"), lines);
    }

    @Test
    void whenAValueHasSpacesQuotesOrNewlinesThenItIsQuotedAndStaysOnOneLine() {
        audit.log(new AuditLog.Event("token.refused", "odd client", "x\"y", "pass\nword=1", "refused",
                "unsupported_grant_type", "::1"));
        String line = lines.get(0);
        assertTrue(line.contains("client=\"odd client\""), line);
        assertTrue(line.contains("user=\"x\\\"y\""), line);
        assertTrue(line.contains("grant=\"pass\\u000aword=1\""), line);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void whenAValueIsHugeThenItIsCut() {
        audit.log(new AuditLog.Event("token.refused", null, null, "g".repeat(5000), "refused", "invalid_request", null));
        assertTrue(lines.get(0).length() < 600, lines.get(0));
        assertTrue(lines.get(0).contains("client=- user=-"), lines.get(0));
    }
}
