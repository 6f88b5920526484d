package org.tollgate.it.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.Answer;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * Fault drill: PostgreSQL stops (fast shutdown, every connection cut) while clients keep refreshing and
 * fetching client_credentials tokens over loopback, and starts again a few seconds later. What the clients
 * see: every answer is a token or 503 temporarily_unavailable with Retry-After, never a 500 or a hang;
 * after the restart every client is served again without a redeploy; and no rotation was half-written:
 * each refresh client still holds a working token, the one its last 200 gave it, or after a 503 the one
 * it presented (a 503 means the rotation's transaction did not commit), and in the database every family
 * has exactly one live token, the one its client holds.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = PostgresSession.DIR, matches = ".+")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatabaseStopsMidLoadIT {

    private static final int REFRESH_CLIENTS = 4;
    private static final int CLIENT_CREDENTIALS_CLIENTS = 2;
    /** Load before the stop, outage length, and the bound on recovery once PostgreSQL is back. */
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    /** No answer may take longer than this, outage or not. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(15);
    /** Each client stops by itself after this many requests, whatever happens. */
    private static final int MAX_REQUESTS_PER_CLIENT = 5_000;
    private static final Fields CLIENT_CREDENTIALS = Fields.of("grant_type", "client_credentials");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private volatile Phase phase = Phase.BEFORE;
    private volatile long recoveredAfterRestartNanos = -1;
    private final AtomicLong slowestAnswerNanos = new AtomicLong();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    private enum Phase { BEFORE, OUTAGE, AFTER, DONE }

    /** What one client saw, per phase. */
    private record Tally(Map<String, Integer> counts) {
        Tally() {
            this(new ConcurrentHashMap<>());
        }

        void count(Phase phase, int status) {
            counts.merge(phase + " " + status, 1, Integer::sum);
        }

        int of(Phase phase, int status) {
            return counts.getOrDefault(phase + " " + status, 0);
        }
    }

    @Test
    void whenPostgresqlStopsMidLoadThenTokensOr503ThenRecoveryAndNoHalfWrittenRotation() throws Exception {
        PostgresCluster postgres = PostgresSession.cluster();
        TokenEndpoint endpoint = new TokenEndpoint(base);
        List<RefreshClient> refreshers = new ArrayList<>();
        for (int i = 0; i < REFRESH_CLIENTS; i++) {
            refreshers.add(new RefreshClient(endpoint, assertTokenAnswer(endpoint.post(Encoding.FORM,
                    Fields.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD),
                    basic(APP, APP_SECRET)), true).get("refresh_token").asText()));
        }
        List<Runnable> clients = new ArrayList<>(refreshers);
        for (int i = 0; i < CLIENT_CREDENTIALS_CLIENTS; i++) {
            clients.add(new ClientCredentialsClient(endpoint));
        }

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        List<Future<?>> running = clients.stream().map(pool::submit).<Future<?>>map(f -> f).toList();
        long restartedAt;
        try {
            Thread.sleep(WARM_UP.toMillis());
            phase = Phase.OUTAGE;
            postgres.stop();
            Thread.sleep(OUTAGE.toMillis());
            postgres.start();
            restartedAt = System.nanoTime();
            phase = Phase.AFTER;
            awaitEveryClientServedAgain(refreshers, clients, restartedAt);
        } finally {
            phase = Phase.DONE;
            if (!postgres.isRunning()) {
                postgres.start();
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(ANSWER_BOUND.toSeconds() + 5, TimeUnit.SECONDS), "clients stop");
        }
        for (Future<?> client : running) {
            client.get();
        }
        System.out.printf("DatabaseStopsMidLoadIT: load %d ms, recovered %d ms after restart, slowest answer %d ms;"
                + " %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                TimeUnit.NANOSECONDS.toMillis(recoveredAfterRestartNanos),
                TimeUnit.NANOSECONDS.toMillis(slowestAnswerNanos.get()), tallies(clients));

        assertTrue(violations.isEmpty(), () -> violations.size() + " answers broke the contract, the first: "
                + violations.stream().limit(10).toList());
        int unavailable = clients.stream().mapToInt(c -> tally(c).of(Phase.OUTAGE, 503)).sum();
        assertTrue(unavailable > 0, () -> "the outage was never seen: " + tallies(clients));
        for (RefreshClient refresher : refreshers) {
            assertTrue(refresher.tally.of(Phase.BEFORE, 200) > 0, () -> "no refresh before the stop: " + tallies(clients));
        }
        assertEachFamilyHasOneLiveTokenTheClientHolds(postgres, refreshers);
        for (RefreshClient refresher : refreshers) {
            // the token each client holds still works over HTTP, once more
            assertTokenAnswer(refresher.refresh(), true);
        }
    }

    private void awaitEveryClientServedAgain(List<RefreshClient> refreshers, List<Runnable> clients, long restartedAt)
            throws InterruptedException {
        long deadline = restartedAt + RECOVERY.toNanos();
        while (clients.stream().anyMatch(c -> tally(c).of(Phase.AFTER, 200) < 2)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every client was served again within " + RECOVERY
                        + " of the restart: " + tallies(clients) + "; " + violations);
            }
            Thread.sleep(50);
        }
        recoveredAfterRestartNanos = System.nanoTime() - restartedAt;
    }

    private static Tally tally(Runnable client) {
        return client instanceof RefreshClient r ? r.tally : ((ClientCredentialsClient) client).tally;
    }

    private static String tallies(List<Runnable> clients) {
        Map<String, Integer> all = new TreeMap<>();
        clients.forEach(c -> tally(c).counts().forEach((k, v) -> all.merge(k, v, Integer::sum)));
        return all.toString();
    }

    /** Directly in PostgreSQL: no family of the drill has two live tokens, and its one live token is the client's. */
    private static void assertEachFamilyHasOneLiveTokenTheClientHolds(PostgresCluster postgres,
                                                                      List<RefreshClient> refreshers) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), PostgresCluster.USER,
                PostgresCluster.PASSWORD)) {
            try (ResultSet doubled = db.createStatement().executeQuery("SELECT family_id, count(*) FROM refresh_tokens"
                    + " WHERE rotated_at IS NULL AND revoked_at IS NULL GROUP BY family_id HAVING count(*) > 1")) {
                assertTrue(!doubled.next(), "a family with two live refresh tokens");
            }
            for (RefreshClient refresher : refreshers) {
                try (PreparedStatement live = db.prepareStatement("SELECT t.token_hash FROM refresh_tokens t"
                        + " JOIN refresh_tokens held ON held.family_id = t.family_id"
                        + " WHERE held.token_hash = ? AND t.rotated_at IS NULL AND t.revoked_at IS NULL")) {
                    live.setString(1, sha256(refresher.held));
                    try (ResultSet rows = live.executeQuery()) {
                        List<String> hashes = new ArrayList<>();
                        while (rows.next()) {
                            hashes.add(rows.getString(1));
                        }
                        assertEquals(List.of(sha256(refresher.held)), hashes,
                                "the family's only live token is the one its client holds");
                    }
                }
            }
        }
    }

    private static String sha256(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** One request, bounded in time; a missing answer is recorded as a violation, status 0. */
    private Answer send(TokenEndpoint endpoint, Fields fields, String what) {
        Encoding.Body body = Encoding.FORM.encode(fields);
        HttpRequest request = HttpRequest.newBuilder(endpoint.tokenUri()).timeout(ANSWER_BOUND)
                .header("Content-Type", body.contentType())
                .header("Authorization", basic(APP, APP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            slowestAnswerNanos.accumulateAndGet(System.nanoTime() - sent, Math::max);
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            violations.add(phase + " " + what + ": no answer within " + ANSWER_BOUND + " (" + e + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A request sent before the stop but answered after it counts as sent during the outage. */
    private Phase answered(Phase sent) {
        return sent == Phase.BEFORE && phase != Phase.BEFORE ? Phase.OUTAGE : sent;
    }

    /** A token, or 503 temporarily_unavailable with Retry-After; anything else is recorded as a violation. */
    private boolean acceptable(Answer answer, Phase during, String what, boolean refresh) {
        try {
            if (answer.status() == 200) {
                assertTokenAnswer(answer, refresh);
                return true;
            }
            assertTrue(during != Phase.BEFORE, "an error before the database stopped");
            Recovery.assertUnavailable(answer);
            return true;
        } catch (AssertionError e) {
            violations.add(during + " " + what + ": " + e.getMessage() + " -- " + answer);
            return false;
        }
    }

    /** Refreshes its own family over and over, always with the token it holds, as a well-behaved client. */
    private final class RefreshClient implements Runnable {
        private final TokenEndpoint endpoint;
        private final Tally tally = new Tally();
        private volatile String held;

        RefreshClient(TokenEndpoint endpoint, String first) {
            this.endpoint = endpoint;
            this.held = first;
        }

        Answer refresh() {
            return send(endpoint, Fields.of("grant_type", "refresh_token", "refresh_token", held), "refresh");
        }

        @Override
        public void run() {
            for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && phase != Phase.DONE; i++) {
                Phase during = phase;
                Answer answer = refresh();
                if (answer == null) {
                    continue;
                }
                during = answered(during);
                tally.count(during, answer.status());
                if (acceptable(answer, during, "refresh", true) && answer.status() == 200) {
                    held = answer.json().get("refresh_token").asText();
                }
            }
        }
    }

    private final class ClientCredentialsClient implements Runnable {
        private final TokenEndpoint endpoint;
        private final Tally tally = new Tally();

        ClientCredentialsClient(TokenEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void run() {
            for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && phase != Phase.DONE; i++) {
                Phase during = phase;
                Answer answer = send(endpoint, CLIENT_CREDENTIALS, "client_credentials");
                if (answer != null) {
                    during = answered(during);
                    tally.count(during, answer.status());
                    acceptable(answer, during, "client_credentials", false);
                }
            }
        }
    }
}
