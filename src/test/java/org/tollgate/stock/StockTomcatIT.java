package org.tollgate.stock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.tollgate.TestFiles;

/**
 * The WAR as ROOT.war in a stock Tomcat 10.1 started with only {@code -Dtollgate.import=FILE
 * -Dtollgate.data.dir=DIR}: it serves the contract with FILE's clients and users, a restart keeps
 * clients, users, refresh tokens and the signing key, and a bad import file fails the deployment
 * with a clear log line and leaves the database as it was.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StockTomcatIT {

    private static final String IMPORT = """
            {"clients": [
               {"client_id": "stock-app", "client_secret": "stock-app-secret",
                "grant_types": ["password", "refresh_token", "client_credentials"],
                "scope": "read write", "token_endpoint_auth_method": "client_secret_basic"},
               {"client_id": "stock-spa", "token_endpoint_auth_method": "none",
                "grant_types": ["password", "refresh_token"], "scope": "read"}],
             "users": [{"username": "stock-user", "password": "stock-user-password", "enabled": true}]}
            """;

    /** Valid up to a syntax error; the secret before it must not reach the log. */
    private static final String TRUNCATED = """
            {"clients": [{"client_id": "stock-app", "client_secret": "truncated-file-secret",
                          "grant_types": ["password" """;

    /** Valid JSON whose first entries would change the database, then one invalid client. */
    private static final String INVALID = """
            {"clients": [
               {"client_id": "stock-app", "client_secret": "invalid-file-secret",
                "grant_types": ["password", "refresh_token", "client_credentials"], "scope": "read write"},
               {"client_id": "stock-new", "client_secret": "invalid-file-new-secret",
                "grant_types": ["client_credentials", "implicit"], "scope": "read"}],
             "users": [{"username": "stock-intruder", "password": "invalid-file-password"}]}
            """;

    private Path work;
    private StockTomcat tomcat;
    private TokenClient client;

    @BeforeEach
    void freshTomcat(TestInfo test) throws IOException {
        Path war = Path.of(required("tollgate.it.war"));
        Path home = Path.of(required("tollgate.it.catalina.home"));
        assertTrue(Files.isRegularFile(war), () -> war + " is missing: run the package phase first");
        assertTrue(Files.isRegularFile(home.resolve("bin/catalina.sh")), () -> home + " is not a Tomcat distribution");
        work = war.getParent().resolve("stock-tomcat").resolve(test.getTestMethod().orElseThrow().getName());
        TestFiles.deleteRecursively(work);
        Files.createDirectories(work);
        tomcat = new StockTomcat(home, work.resolve("base"), war);
        client = new TokenClient(tomcat);
    }

    @AfterEach
    void stopTomcat() throws InterruptedException {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void whenWarIsRootOfStockTomcatThenItServesTheImportAndARestartKeepsEverything() throws Exception {
        List<String> flags = flags(write("import.json", IMPORT), work.resolve("data"));
        tomcat.start(flags);
        tomcat.awaitReady("/oauth/jwks");

        TokenClient.Answer password = client.postBasic("stock-app", "stock-app-secret",
                "grant_type", "password", "username", "stock-user", "password", "stock-user-password").assertOk();
        assertEquals("read write", password.text("scope"));
        assertNotNull(password.text("refresh_token"), "password grant of a refresh-capable client");
        client.verify(password.text("access_token"), "stock-user", "stock-app");

        TokenClient.Answer service = client.post("grant_type", "client_credentials",
                "client_id", "stock-app", "client_secret", "stock-app-secret", "scope", "read").assertOk();
        assertNull(service.text("refresh_token"), "client_credentials issues no refresh token");
        client.verify(service.text("access_token"), "stock-app", "stock-app");

        String spaRefresh = client.post("grant_type", "password", "client_id", "stock-spa",
                "username", "stock-user", "password", "stock-user-password").assertOk().text("refresh_token");
        TokenClient.Answer refreshed = client.post("grant_type", "refresh_token", "client_id", "stock-spa",
                "refresh_token", spaRefresh).assertOk();
        assertNotEquals(spaRefresh, refreshed.text("refresh_token"), "rotation");
        client.verify(refreshed.text("access_token"), "stock-user", "stock-spa");

        Set<String> kidsBefore = client.jwksKids();
        String accessTokenBefore = password.text("access_token");
        String refreshTokenBefore = password.text("refresh_token");

        tomcat.stop();
        tomcat.start(flags);
        tomcat.awaitReady("/oauth/jwks");

        assertEquals(kidsBefore, client.jwksKids(), "the signing keys survive a restart");
        assertTrue(kidsBefore.contains(headerKid(accessTokenBefore)), "kid of the token issued before the restart");
        JWTClaimsSet claims = client.verify(accessTokenBefore, "stock-user", "stock-app");
        assertEquals("read write", claims.getStringClaim("scope"));

        TokenClient.Answer rotated = client.postBasic("stock-app", "stock-app-secret",
                "grant_type", "refresh_token", "refresh_token", refreshTokenBefore).assertOk();
        assertNotEquals(refreshTokenBefore, rotated.text("refresh_token"), "rotation after the restart");
        client.verify(rotated.text("access_token"), "stock-user", "stock-app");
        client.postBasic("stock-app", "stock-app-secret", "grant_type", "refresh_token",
                "refresh_token", refreshTokenBefore).assertError(400, "invalid_grant");

        assertClientsAndUsersWork();
    }

    @Test
    void whenImportFileIsBadThenDeploymentFailsNamingTheProblemAndTheDatabaseIsUnchanged() throws Exception {
        Path data = work.resolve("data");
        tomcat.start(flags(write("import.json", IMPORT), data));
        tomcat.awaitReady("/oauth/jwks");
        Set<String> kids = client.jwksKids();
        tomcat.stop();

        Path truncated = write("truncated.json", TRUNCATED);
        assertDeploymentFails(flags(truncated, data), truncated, "malformed JSON at line", "truncated-file-secret");

        Path invalid = write("invalid.json", INVALID);
        assertDeploymentFails(flags(invalid, data), invalid, "clients[1].grant_types",
                "invalid-file-secret", "invalid-file-new-secret", "invalid-file-password");

        // no import this time: what answers now is what the database kept
        tomcat.start(List.of("-Dtollgate.data.dir=" + data));
        tomcat.awaitReady("/oauth/jwks");
        assertEquals(kids, client.jwksKids(), "signing keys");
        assertClientsAndUsersWork();
        client.postBasic("stock-app", "invalid-file-secret", "grant_type", "client_credentials")
                .assertError(401, "invalid_client");
        client.postBasic("stock-new", "invalid-file-new-secret", "grant_type", "client_credentials")
                .assertError(401, "invalid_client");
        client.postBasic("stock-app", "stock-app-secret", "grant_type", "password",
                "username", "stock-intruder", "password", "invalid-file-password").assertError(400, "invalid_grant");
    }

    private void assertDeploymentFails(List<String> flags, Path file, String problem, String... secrets)
            throws Exception {
        tomcat.start(flags);
        tomcat.awaitStartupFinished();
        TokenClient.Answer answer = client.postBasic("stock-app", "stock-app-secret",
                "grant_type", "client_credentials");
        String log = tomcat.console();
        tomcat.stop();
        assertEquals(404, answer.status(), "ROOT must not be deployed with a bad import file");
        String line = log.lines().filter(l -> l.contains("Tollgate cannot start")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'Tollgate cannot start' line in the log:\n" + log));
        assertAll(
                () -> assertTrue(line.contains(file.toString()), () -> "the log line names the file: " + line),
                () -> assertTrue(line.contains(problem), () -> "the log line names the problem: " + line));
        for (String secret : secrets) {
            assertFalse(log.contains(secret), () -> "the log shows a secret from the file: " + secret);
        }
    }

    private void assertClientsAndUsersWork() throws IOException, InterruptedException {
        TokenClient.Answer password = client.postBasic("stock-app", "stock-app-secret",
                "grant_type", "password", "username", "stock-user", "password", "stock-user-password").assertOk();
        client.verify(password.text("access_token"), "stock-user", "stock-app");
        TokenClient.Answer service = client.post("grant_type", "client_credentials",
                "client_id", "stock-app", "client_secret", "stock-app-secret").assertOk();
        client.verify(service.text("access_token"), "stock-app", "stock-app");
        TokenClient.Answer spa = client.post("grant_type", "password", "client_id", "stock-spa",
                "username", "stock-user", "password", "stock-user-password").assertOk();
        client.verify(spa.text("access_token"), "stock-user", "stock-spa");
    }

    private static List<String> flags(Path importFile, Path dataDir) {
        return List.of("-Dtollgate.import=" + importFile, "-Dtollgate.data.dir=" + dataDir);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(work.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String headerKid(String jwt) throws java.text.ParseException {
        return com.nimbusds.jwt.SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertNotNull(value, () -> "system property " + property + " (set by the failsafe plugin) is missing");
        return value;
    }
}
