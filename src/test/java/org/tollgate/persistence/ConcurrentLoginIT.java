package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.tollgate.persistence.InProcessTollgate.issue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.token.control.TokenResponse;

/**
 * More concurrent logins than the embedded pool has connections, for longer than the signing keys are
 * trusted without a re-read, with client_credentials requests beside them. Every request is answered
 * with tokens. (Once, the key re-read waited for a connection under a lock while every connection's
 * holder waited for that lock: each request then stalled until the pool gave up, 30 s later.)
 */
class ConcurrentLoginIT {

    private static final int LOGINS = 40;
    private static final int SERVICES = 4;
    private static final long RUN_MILLIS = 11_000;
    /** Far beyond any answer's time on a loaded machine, well below the pool's 30 s give-up. */
    private static final long DEADLINE_SECONDS = 25;

    @TempDir
    Path dataDir;

    @Test
    void whenLoginsOutnumberConnectionsAcrossAKeyReReadThenEveryRequestGetsTokens() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(LOGINS + SERVICES);
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            long end = System.currentTimeMillis() + RUN_MILLIS;
            AtomicInteger answered = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                String user = i % 2 == 0 ? "alice" : "carol";
                clients.add(threads.submit(() -> repeatUntil(end, answered, () -> issue(tollgate, "app",
                        "app-secret", "grant_type", "password", "username", user, "password", user + "-password"))));
            }
            for (int i = 0; i < SERVICES; i++) {
                clients.add(threads.submit(() -> repeatUntil(end, answered,
                        () -> issue(tollgate, "service", "service-secret", "grant_type", "client_credentials"))));
            }
            long deadline = end + TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS);
            for (Future<?> client : clients) {
                client.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            }
            assertEquals(0, clients.stream().filter(f -> !f.isDone()).count());
            System.out.println("ConcurrentLoginIT: " + answered.get() + " token answers");
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static Void repeatUntil(long end, AtomicInteger answered, java.util.function.Supplier<TokenResponse> request) {
        do {
            assertNotNull(request.get().accessToken());
            answered.incrementAndGet();
        } while (System.currentTimeMillis() < end);
        return null;
    }
}
