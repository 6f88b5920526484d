package org.tollgate.token.boundary;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tollgate.Tollgate;
import org.tollgate.operations.control.TokenEvents;
import org.tollgate.token.control.OAuthException;

/**
 * Hands token events to the audit log and the metrics of the running Tollgate. While Tollgate waits for
 * its database there is nothing to record them in, and the request's own answer must not change for it.
 */
final class EventRecorder {

    private final Supplier<Tollgate> tollgate;

    EventRecorder(Supplier<Tollgate> tollgate) {
        this.tollgate = tollgate;
    }

    void record(Consumer<TokenEvents> event) {
        TokenEvents events;
        try {
            events = tollgate.get().operations().events();
        } catch (OAuthException notRunningYet) {
            return;
        }
        event.accept(events);
    }
}
