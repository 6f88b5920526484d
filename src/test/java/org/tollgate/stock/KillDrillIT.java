package org.tollgate.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tollgate.TestFiles;

/**
 * Fault drill: Tomcat is killed with SIGKILL while clients refresh tokens as fast as they can, then
 * started again on the same data. Every refresh token a client was answered before the kill still works,
 * unless the client's last request was cut off mid-flight (then the server may have rotated it, an answer
 * the client never saw, and a replay refusal is the correct outcome). Every access token still verifies.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class KillDrillIT {

    private static final int CLIENTS = 4;
    private static final long LOAD_MILLIS = 6_000;
    private static final String IMPORT = """
            {"clients": [{"client_id": "drill-spa", "token_endpoint_auth_method": "none",
                          "grant_types": ["password", "refresh_token"], "scope": "read"}],
             "users": [{"username": "drill-user", "password": "drill-password"}]}
            """;

    /** What one client knows: the last refresh token it was answered, and whether a request was cut off. */
    private static final class Chain {
        volatile String lastRefreshToken;
        volatile boolean inFlightAtKill;
        final List<String> accessTokens = new ArrayList<>();
        int refreshes;
    }

    @Test
    void whenTomcatIsKilledUnderLoadThenEveryAnsweredTokenSurvivesTheRestart() throws Exception {
        Path war = Path.of(System.getProperty("tollgate.it.war"));
        Path home = Path.of(System.getProperty("tollgate.it.catalina.home"));
        Path work = war.getParent().resolve("stock-tomcat").resolve("kill-drill");
        TestFiles.deleteRecursively(work);
        Files.createDirectories(work);
        Path importFile = Files.writeString(work.resolve("import.json"), IMPORT, StandardCharsets.UTF_8);
        List<String> flags = List.of("-Dtollgate.import=" + importFile, "-Dtollgate.data.dir=" + work.resolve("data"));

        try (StockTomcat tomcat = new StockTomcat(home, work.resolve("base"), war)) {
            TokenClient client = new TokenClient(tomcat);
            tomcat.start(flags);
            tomcat.awaitReady("/oauth/jwks");

            List<Chain> chains = loadUntilKilled(tomcat, client);
            int answered = chains.stream().mapToInt(chain -> chain.refreshes).sum();
            assertTrue(answered > CLIENTS, "the load ran: " + answered + " refreshes answered before the kill");

            tomcat.start(flags);
            tomcat.awaitReady("/oauth/jwks");
            JWKSet keys = JWKSet.load(tomcat.uri("/oauth/jwks").toURL(), 10_000, 10_000, 1_000_000);
            for (Chain chain : chains) {
                TokenClient.Answer answer = client.post("grant_type", "refresh_token", "client_id", "drill-spa",
                        "refresh_token", chain.lastRefreshToken);
                if (!chain.inFlightAtKill) {
                    answer.assertOk();
                } else if (answer.status() != 200) {
                    answer.assertError(400, "invalid_grant");
                }
                for (String accessToken : chain.accessTokens) {
                    SignedJWT jwt = SignedJWT.parse(accessToken);
                    RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
                    assertTrue(key != null && jwt.verify(new RSASSAVerifier(key)), "an access token lost its key");
                }
            }
        }
    }

    private static List<Chain> loadUntilKilled(StockTomcat tomcat, TokenClient client) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Chain> chains = new ArrayList<>();
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Chain chain = new Chain();
                TokenClient.Answer login = client.post("grant_type", "password", "client_id", "drill-spa",
                        "username", "drill-user", "password", "drill-password").assertOk();
                chain.lastRefreshToken = login.text("refresh_token");
                chain.accessTokens.add(login.text("access_token"));
                chains.add(chain);
                workers.add(pool.submit(() -> refreshUntilKilled(client, chain, killed)));
            }
            Thread.sleep(LOAD_MILLIS / 2);
            tomcat.kill();
            killed.set(true);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return chains;
    }

    private static void refreshUntilKilled(TokenClient client, Chain chain, AtomicBoolean killed) {
        long deadline = System.currentTimeMillis() + LOAD_MILLIS;
        while (!killed.get() && System.currentTimeMillis() < deadline) {
            try {
                TokenClient.Answer answer = client.post("grant_type", "refresh_token", "client_id", "drill-spa",
                        "refresh_token", chain.lastRefreshToken);
                assertEquals(200, answer.status(), () -> "before the kill: " + answer.response().body());
                chain.lastRefreshToken = answer.text("refresh_token");
                chain.accessTokens.add(answer.text("access_token"));
                chain.refreshes++;
            } catch (IOException cutOff) {
                chain.inFlightAtKill = true;
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
