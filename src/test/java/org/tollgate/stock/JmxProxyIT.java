package org.tollgate.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tollgate.TestFiles;

/**
 * An administrator's day on a stock Tomcat 10.1 with the WAR as ROOT.war: a manager-jmx user in
 * tomcat-users.xml, then a client, a user and a key rotation made through the Manager's JMX proxy, a token
 * issued with them over HTTP, and the metrics endpoint enabled with a scrape token. One Tomcat serves the
 * tests (starting one costs most of the class's time): each works with its own client and user, and
 * the metric it counts is one the others do not touch, or is read before and after.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JmxProxyIT {

    private static final String USERS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
              <role rolename="manager-jmx"/>
              <user username="ops" password="ops-jmx-password" roles="manager-jmx"/>
            </tomcat-users>
            """;
    private static final String CLIENTS = "org.tollgate:context=\"/\",type=Clients";
    private static final String USERS_BEAN = "org.tollgate:context=\"/\",type=Users";
    private static final String KEYS = "org.tollgate:context=\"/\",type=SigningKeys";
    private static final String SETTINGS = "org.tollgate:context=\"/\",type=Settings";
    private static final String METRICS = "org.tollgate:context=\"/\",type=Metrics";
    private static final String SCRAPE_TOKEN = "scrape-token-0123456789";
    /** Failed sign-ins that lock a username (for the lock's full time). */
    private static final int MAX_FAILURES = 3;
    /** Failed sign-ins from one client address, whatever the usernames, that lock the address. */
    private static final int ADDRESS_MAX_FAILURES = 6;

    private StockTomcat tomcat;
    private Manager manager;
    private TokenClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void tomcatWithManager() throws Exception {
        Path war = Path.of(System.getProperty("tollgate.it.war"));
        Path home = Path.of(System.getProperty("tollgate.it.catalina.home"));
        Path work = war.getParent().resolve("stock-tomcat").resolve("jmxproxy");
        TestFiles.deleteRecursively(work);
        Files.createDirectories(work);
        tomcat = new StockTomcat(home, work.resolve("base"), war);
        tomcat.installManager(USERS);
        tomcat.start(List.of("-Dtollgate.data.dir=" + work.resolve("data"), "-Dtollgate.metrics.enabled=true",
                "-Dtollgate.brute-force.max-failures=" + MAX_FAILURES,
                "-Dtollgate.brute-force.address.max-failures=" + ADDRESS_MAX_FAILURES,
                // no growing delays before the locks, so the address test need not wait them out
                "-Dtollgate.brute-force.delay-after=100",
                "-Dtollgate.metrics.token=" + SCRAPE_TOKEN));
        tomcat.awaitReady("/health");
        manager = new Manager(tomcat, "ops", "ops-jmx-password");
        client = new TokenClient(tomcat);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void whenAClientAUserAndAKeyAreMadeThroughTheJmxProxyThenTheyGetATokenOverHttp() throws Exception {
        String secret = Manager.returned(manager.invoke(CLIENTS, "register", "proxy-app", "client_secret_basic",
                "password refresh_token", "read"));
        assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), secret);
        Manager.returned(manager.invoke(USERS_BEAN, "create", "proxy-user", "proxy-user-password"));
        String kid = Manager.returned(manager.invoke(KEYS, "rotate"));
        long loginsBefore = passwordSuccesses();

        TokenClient.Answer answer = client.postBasic("proxy-app", secret, "grant_type", "password",
                "username", "proxy-user", "password", "proxy-user-password").assertOk();
        assertEquals(kid, SignedJWT.parse(answer.text("access_token")).getHeader().getKeyID());
        client.verify(answer.text("access_token"), "proxy-user", "proxy-app");

        String clients = Manager.returned(manager.invoke(CLIENTS, "list"));
        assertTrue(clients.contains("client_id=proxy-app token_endpoint_auth_method=client_secret_basic"
                + " grant_types=password,refresh_token scope=\"read\""), clients);
        String refused = manager.invoke(CLIENTS, "register", "proxy-bad", "none", "client_credentials", "read");
        assertTrue(refused.startsWith("Error - ") && refused.contains("public client cannot use client_credentials"),
                refused);
        String settings = Manager.returned(manager.invoke(SETTINGS, "list"));
        assertTrue(settings.contains("metrics.token = ******** (system property)"), settings);
        assertFalse(settings.contains(SCRAPE_TOKEN), settings);
        assertEquals(loginsBefore + 1, passwordSuccesses());
    }

    private long passwordSuccesses() throws Exception {
        String count = manager.get("/manager/jmxproxy/", "get", METRICS, "att", "token.password.success.count");
        assertTrue(count.startsWith("OK"), count);
        return Long.parseLong(count.strip().replaceAll(".*= ", ""));
    }

    @Test
    void whenAUserIsLockedOutThenTheJmxProxyUnlocksThem() throws Exception {
        String secret = userAndClient("locked-user", "lock-app");
        for (int i = 0; i < MAX_FAILURES; i++) {
            login("lock-app", secret, "locked-user", "wrong-" + i).assertError(400, "invalid_grant");
        }
        login("lock-app", secret, "locked-user", "locked-user-password").assertError(400, "invalid_grant");

        assertEquals("true", Manager.returned(manager.invoke(USERS_BEAN, "unlock", "locked-user")));
        login("lock-app", secret, "locked-user", "locked-user-password").assertOk();
        assertEquals("false", Manager.returned(manager.invoke(USERS_BEAN, "unlock", "locked-user")));
    }

    /**
     * The address a lock counts against is the one Tomcat saw the request come from: failed sign-ins for
     * different usernames from 127.0.0.1 lock that address for every user, until the proxy unlocks it.
     */
    @Test
    void whenOneAddressFailsForManyUsernamesThenItIsLockedUntilTheJmxProxyUnlocksIt() throws Exception {
        String secret = userAndClient("address-user", "address-app");
        manager.invoke(USERS_BEAN, "unlockAddress", "127.0.0.1"); // whatever the other tests left counted
        for (int i = 0; i < ADDRESS_MAX_FAILURES; i++) {
            login("address-app", secret, "nobody-" + i, "guess-" + i).assertError(400, "invalid_grant");
        }
        login("address-app", secret, "address-user", "address-user-password").assertError(400, "invalid_grant");

        assertEquals("true", Manager.returned(manager.invoke(USERS_BEAN, "unlockAddress", "127.0.0.1")));
        login("address-app", secret, "address-user", "address-user-password").assertOk();
    }

    /** Creates the user (password: its name plus "-password") and a password-grant client; the client's secret. */
    private String userAndClient(String username, String clientId) throws Exception {
        Manager.returned(manager.invoke(USERS_BEAN, "create", username, username + "-password"));
        return Manager.returned(manager.invoke(CLIENTS, "register", clientId, "client_secret_basic", "password",
                "read"));
    }

    private TokenClient.Answer login(String clientId, String secret, String username, String password)
            throws Exception {
        return client.postBasic(clientId, secret, "grant_type", "password", "username", username,
                "password", password);
    }

    @Test
    void whenMetricsAreEnabledThenPrometheusScrapesThemWithTheTokenOnly() throws Exception {
        client.post("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "x");
        assertEquals(401, scrape(null).statusCode());
        assertEquals(401, scrape("Bearer wrong").statusCode());
        HttpResponse<String> metrics = scrape("Bearer " + SCRAPE_TOKEN);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String body = metrics.body();
        assertTrue(body.contains("tollgate_token_requests_seconds_count{grant=\"client_credentials\","
                + "outcome=\"invalid_client\"} 1"), body);
        assertTrue(body.matches("(?s).*tollgate_token_requests_seconds_bucket\\{grant=\"password\",outcome=\"success\","
                + "le=\"0.1\"} \\d+\n.*"), body);
        String basic = java.util.Base64.getEncoder().encodeToString(("prometheus:" + SCRAPE_TOKEN).getBytes());
        assertEquals(200, scrape("Basic " + basic).statusCode());
    }

    private HttpResponse<String> scrape(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(tomcat.uri("/metrics")).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
