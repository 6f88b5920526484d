package org.tollgate.it.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Answers.assertTokenAnswer;
import static org.tollgate.it.Registered.ALICE;
import static org.tollgate.it.Registered.ALICE_PASSWORD;
import static org.tollgate.it.Registered.APP;
import static org.tollgate.it.Registered.APP_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.AccessTokens;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * Undeploy by the server's own means (Tomcat's manager, TomEE's own undeploy, asadmin undeploy) leaves
 * nothing of Tollgate running (no thread of it or of its libraries, so no timer or pool either; no MBean; no
 * leak that the server reports when it stops the application), and a redeploy serves again with the same
 * signing key and data: a refresh token and an access token issued before still work.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final String DEPLOYMENT = "redeployed";
    /** The server JVM's JMX connector: tollgate.it.jmx where set, else the test Tomcat's. */
    private static final String JMX = System.getProperty("tollgate.it.jmx",
            "service:jmx:rmi:///jndi/rmi://127.0.0.1:18089/jmxrmi");
    /** Threads that Tollgate or the libraries in its WAR start (key rotation, retries, H2, pools). */
    private static final Pattern OURS = Pattern.compile("(?i).*(tollgate|h2|mvstore|hibernate|flyway|jersey|hk2).*");

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenUndeployedThenNothingRunsAndARedeployServesWithTheSameKeysAndData() throws Exception {
        TokenEndpoint endpoint = new TokenEndpoint(URI.create(System.getProperty("tollgate.it.issuer") + "/").toURL());
        Set<Long> before = ourThreads().stream().map(ThreadInfo::getThreadId).collect(Collectors.toSet());
        deployer.deploy(DEPLOYMENT);
        JsonNode issued = assertTokenAnswer(endpoint.post(Encoding.FORM, alice(), basic(APP, APP_SECRET)), true);
        String accessToken = issued.get("access_token").asText();
        assertTrue(names(ourThreads()).contains("tollgate-key-rotation-1"),
                "the key rotation schedule runs while deployed (signing.rotation is set): " + names(ourThreads()));
        assertTrue(names(ourThreads()).contains("tollgate-purge-1"),
                "the purge of expired rows is scheduled while deployed: " + names(ourThreads()));
        assertFalse(tollgateMBeans().isEmpty(), "Tollgate's MBeans are registered while deployed");

        ServerLog log = ServerLog.fromNow();
        deployer.undeploy(DEPLOYMENT);

        assertEquals(404, endpoint.post(Encoding.FORM, alice(), basic(APP, APP_SECRET)).status());
        assertEquals(List.of(), names(ourThreads().stream().filter(thread -> startedByTollgate(thread, before))
                .toList()), "no thread of Tollgate or its libraries is left");
        assertEquals(Set.of(), tollgateMBeans(), "no MBean of Tollgate is left");
        List<String> leaks = log.settledLines().stream()
                .filter(line -> line.contains("tollgate]") && (line.contains("leak") || line.contains("failed to")))
                .toList();
        assertEquals(List.of(), leaks, "the server reports no leak on undeploy");

        deployer.deploy(DEPLOYMENT);
        try {
            JsonNode refreshed = assertTokenAnswer(endpoint.post(Encoding.FORM,
                    Fields.of("grant_type", "refresh_token", "refresh_token", issued.get("refresh_token").asText()),
                    basic(APP, APP_SECRET)), true);
            assertEquals(SignedJWT.parse(accessToken).getHeader().getKeyID(),
                    SignedJWT.parse(refreshed.get("access_token").asText()).getHeader().getKeyID(),
                    "the same signing key after the redeploy");
            new AccessTokens(endpoint).verify(accessToken, ALICE, APP, Set.of("read", "write"),
                    issued.get("expires_in").asLong());
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static Fields alice() {
        return Fields.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD);
    }

    /**
     * Whether a thread left after the undeploy is Tollgate's: one named after Tollgate whatever started it, and one
     * of its libraries that was not running before this test deployed. A server may run threads of the same
     * libraries for itself: Payara runs its own HK2 and Jersey, and the class-wide timer of its hk2-runlevel module
     * ({@code hk2-asyncrunlevelcontext}, not in the WAR) runs from the server's start, before any deployment. A
     * library thread that this deployment started and left behind is a new thread (a new id, never reused by the
     * JVM), so it still counts; one that ran before (the server's, or that of a deployment the server adapter
     * kept from an earlier test class, undeployed by this test's first deploy) does not.
     */
    private static boolean startedByTollgate(ThreadInfo thread, Set<Long> runningBefore) {
        return thread.getThreadName().toLowerCase(Locale.ROOT).contains("tollgate")
                || !runningBefore.contains(thread.getThreadId());
    }

    private static List<ThreadInfo> ourThreads() throws Exception {
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(JMX))) {
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            return Arrays.stream(threads.dumpAllThreads(false, false))
                    .filter(thread -> OURS.matcher(thread.getThreadName()).matches()).toList();
        }
    }

    private static List<String> names(List<ThreadInfo> threads) {
        return threads.stream().map(ThreadInfo::getThreadName).sorted().toList();
    }

    private static Set<ObjectName> tollgateMBeans() throws Exception {
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(JMX))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            return server.queryNames(new ObjectName("org.tollgate:*"), null);
        }
    }
}
