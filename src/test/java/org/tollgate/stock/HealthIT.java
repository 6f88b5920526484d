package org.tollgate.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tollgate.TestFiles;

/**
 * GET /health as a load balancer sees it while the database goes away and comes back: Tollgate on a stock
 * Tomcat uses a server DataSource (DBCP, validated on borrow) on an H2 TCP server that this test runs in its
 * own JVM, reached over loopback; stopping that server turns the node DOWN, restarting it turns it UP. The
 * same with PostgreSQL stopped under a deployment: DatabaseDownIT.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HealthIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StockTomcat tomcat;
    private Server database;

    @AfterEach
    void stop() throws InterruptedException {
        if (tomcat != null) {
            tomcat.close();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void whenTheDatabaseStopsThenHealthIsDownAndWhenItIsBackThenUp() throws Exception {
        Path war = Path.of(System.getProperty("tollgate.it.war"));
        Path home = Path.of(System.getProperty("tollgate.it.catalina.home"));
        Path work = war.getParent().resolve("stock-tomcat").resolve("health");
        TestFiles.deleteRecursively(work);
        Files.createDirectories(work.resolve("h2"));
        tomcat = new StockTomcat(home, work.resolve("base"), war);
        int port = tomcat.anotherFreePort();
        String[] serverArgs = {"-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
            work.resolve("h2").toString()};
        database = Server.createTcpServer(serverArgs).start();
        tomcat.addLib(Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        tomcat.write("conf/Catalina/localhost/ROOT.xml", """
                <Context>
                  <Resource name="jdbc/tollgate" auth="Container" type="javax.sql.DataSource"
                            driverClassName="org.h2.Driver" url="jdbc:h2:tcp://127.0.0.1:%d/tollgate"
                            username="sa" password="" maxWaitMillis="2000" testOnBorrow="true"
                            validationQuery="SELECT 1" validationQueryTimeout="2"/>
                </Context>
                """.formatted(port));
        tomcat.start(List.of("-Dtollgate.data.dir=" + work.resolve("unused")));
        tomcat.awaitReady("/health");
        assertEquals("{\"status\":\"UP\"}", awaitHealth(200).body());

        database.stop();
        HttpResponse<String> down = awaitHealth(503);
        assertEquals("{\"status\":\"DOWN\"}", down.body());
        String cacheControl = down.headers().firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.contains("no-store"), cacheControl);

        database = Server.createTcpServer(serverArgs).start();
        assertEquals("{\"status\":\"UP\"}", awaitHealth(200).body());
    }

    /** Polls GET /health until it answers {@code status}, for up to 30 seconds. */
    private HttpResponse<String> awaitHealth(int status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> response;
        do {
            response = http.send(HttpRequest.newBuilder(tomcat.uri("/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == status) {
                return response;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("GET /health stayed " + response.statusCode() + " " + response.body()
                + "\n" + tomcat.console().lines().filter(l -> l.contains("Health")).reduce("", (a, b) -> a + b + "\n"));
    }
}
