package org.tollgate.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tollgate.TestFiles;

/**
 * Five deploy/undeploy cycles of the WAR through the Manager on a stock Tomcat 10.1, each one used (tokens
 * issued, refreshed, health and keys read) before it goes: afterwards the Manager's findleaks names nothing,
 * Tollgate's MBeans are gone, Tomcat's leak detection logged nothing about Tollgate, and the JVM's thread
 * count, read over JMX, is back at what it was before the first deployment.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RedeployLeakIT {

    private static final int CYCLES = 5;
    private static final String CONTEXT = "/tollgate";
    private static final String USERS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
              <role rolename="manager-script"/>
              <user username="deployer" password="deployer-password" roles="manager-script"/>
            </tomcat-users>
            """;
    private static final String IMPORT = """
            {"clients": [{"client_id": "leak-app", "client_secret": "leak-app-secret",
                          "grant_types": ["password", "refresh_token"], "scope": "read"}],
             "users": [{"username": "leak-user", "password": "leak-user-password"}]}
            """;
    /** Leak messages of Tomcat's WebappClassLoader when a stopped webapp leaves something behind. */
    private static final List<String> LEAK_WARNINGS = List.of("appears to have started a thread",
            "registered the JDBC driver", "created a ThreadLocal", "failed to unregister");

    private StockTomcat tomcat;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @Test
    void whenDeployedAndUndeployedFiveTimesThenNothingLeaks() throws Exception {
        Path war = Path.of(System.getProperty("tollgate.it.war"));
        Path home = Path.of(System.getProperty("tollgate.it.catalina.home"));
        Path work = war.getParent().resolve("stock-tomcat").resolve("redeploy");
        TestFiles.deleteRecursively(work);
        Files.createDirectories(work);
        Path importFile = Files.writeString(work.resolve("import.json"), IMPORT);
        tomcat = new StockTomcat(home, work.resolve("base"));
        int jmxPort = tomcat.anotherFreePort();
        tomcat.installManager(USERS);
        tomcat.start(List.of("-Dtollgate.import=" + importFile, "-Dtollgate.data.dir=" + work.resolve("data"),
                "-Dtollgate.issuer=http://127.0.0.1" + CONTEXT,
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                // findleaks runs one System.gc(), which keeps softly reachable objects; with this flag that GC
                // clears soft references too (as any GC does before an OutOfMemoryError). Without it, findleaks
                // names up to 3 of 10 stopped class loaders, then reachable through soft references only.
                "-XX:SoftRefLRUPolicyMSPerMB=0"));
        tomcat.awaitStartupFinished();
        Manager manager = new Manager(tomcat, "deployer", "deployer-password");

        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            int baseline = threads.getThreadCount();
            Set<String> baselineNames = names(threads);
            ObjectName ours = new ObjectName("org.tollgate:context=\"" + CONTEXT + "\",*");

            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                String deployed = manager.get("/manager/text/deploy", "path", CONTEXT, "war", war.toUri().toString());
                assertTrue(deployed.startsWith("OK - Deployed"), "cycle " + cycle + ": " + deployed);
                use(cycle);
                assertEquals(6, jmx.queryNames(ours, null).size(), "Tollgate's MBeans while deployed");
                String undeployed = manager.get("/manager/text/undeploy", "path", CONTEXT);
                assertTrue(undeployed.startsWith("OK - Undeployed"), "cycle " + cycle + ": " + undeployed);
                assertTrue(jmx.queryNames(ours, null).isEmpty(), "Tollgate's MBeans after undeploy " + cycle);
            }

            assertNoLeaksFound(manager);
            int after = awaitThreadCount(threads, baseline);
            Set<String> extra = new TreeSet<>(names(threads));
            extra.removeAll(baselineNames);
            assertTrue(after <= baseline, "threads: " + baseline + " before, " + after + " after " + CYCLES
                    + " cycles; new names: " + extra);
            String console = tomcat.console();
            for (String warning : LEAK_WARNINGS) {
                // Tomcat starts its own utility threads lazily and blames them on whichever application was
                // deploying at that moment; only threads of Tollgate or its libraries count
                assertFalse(console.lines().anyMatch(l -> l.contains("[tollgate]") && l.contains(warning)
                                && !l.contains("thread named [Catalina-utility-")),
                        () -> "Tomcat logged a leak: " + console.lines().filter(l -> l.contains(warning))
                                .collect(Collectors.joining("\n")));
            }
        }
    }

    /** Exercises what starts anything: the database, Argon2, signing, Jersey, the metrics. */
    private void use(int cycle) throws Exception {
        assertEquals(200, status(HttpRequest.newBuilder(tomcat.uri(CONTEXT + "/health")).GET()), "health " + cycle);
        assertEquals(200, status(HttpRequest.newBuilder(tomcat.uri(CONTEXT + "/oauth/jwks")).GET()));
        String basic = java.util.Base64.getEncoder().encodeToString("leak-app:leak-app-secret".getBytes());
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(tomcat.uri(CONTEXT + "/oauth/token"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&username=leak-user&password=leak-user-password")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String refresh = token.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
        assertEquals(200, status(HttpRequest.newBuilder(tomcat.uri(CONTEXT + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refresh))));
    }

    private int status(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** findleaks runs one GC; soft references and finalizers may need a few, so it is asked a few times. */
    private static void assertNoLeaksFound(Manager manager) throws Exception {
        String answer = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            answer = manager.get("/manager/text/findleaks", "statusLine", "true");
            if (answer.startsWith("OK - No memory leaks found")) {
                return;
            }
            Thread.sleep(3000);
        }
        throw new AssertionError("findleaks: " + answer);
    }

    /**
     * Waits up to 90 seconds for the count to settle: Tomcat's request threads beyond its minimum spare
     * ones end after 60 idle seconds, and deployments through the Manager occupy some for a while.
     */
    private static int awaitThreadCount(ThreadMXBean threads, int baseline) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int count = threads.getThreadCount();
        while (count > baseline && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            count = threads.getThreadCount();
        }
        return count;
    }

    private static Set<String> names(ThreadMXBean threads) {
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds())).filter(info -> info != null)
                .map(ThreadInfo::getThreadName).collect(Collectors.toCollection(TreeSet::new));
    }
}
