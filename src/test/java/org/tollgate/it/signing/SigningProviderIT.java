package org.tollgate.it.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tollgate.it.Registered.SERVICE;
import static org.tollgate.it.Registered.SERVICE_SECRET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tollgate.it.AccessTokens;
import org.tollgate.it.Answer;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;
import org.tollgate.it.TollgateDeployment;

/**
 * signing.provider as a server runs it: in the Tomcat 11 suite the provider's jar lies in CATALINA_BASE/lib
 * and a JNDI environment entry names its class (src/test/tomcat-11/conf/context.xml), so the server's log
 * names the provider that signs; elsewhere the JDK signs and the log names none. Either way a resource
 * server verifies the tokens against the published keys.
 */
@ExtendWith(ArquillianExtension.class)
class SigningProviderIT {

    /** The provider's name, set by the Failsafe execution that installs it. */
    private static final String PROVIDER = System.getProperty("tollgate.it.signing.provider", "");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TollgateDeployment.war();
    }

    @Test
    void whenATokenIsIssuedThenTheConfiguredProviderSignedItAndTheJwksVerifiesIt() {
        TokenEndpoint endpoint = new TokenEndpoint(base);
        Answer answer = endpoint.post(Encoding.FORM, Fields.of("grant_type", "client_credentials",
                "client_id", SERVICE, "client_secret", SERVICE_SECRET, "scope", "read"));

        assertEquals(200, answer.status(), answer.toString());
        new AccessTokens(endpoint).verify(answer.json().get("access_token").asText(), SERVICE, SERVICE,
                Set.of("read"), answer.json().get("expires_in").asLong());
        List<String> signsWith = logLines().filter(line -> line.contains(" signs with ")).toList();
        if (PROVIDER.isEmpty()) {
            assertEquals(List.of(), signsWith, "no signing.provider is set: the JDK signs");
        } else {
            assertTrue(!signsWith.isEmpty()
                    && signsWith.stream().allMatch(line -> line.endsWith(" signs with " + PROVIDER)), signsWith::toString);
            assertEquals(List.of(), logLines().filter(line -> line.contains("Signing provider")).toList(),
                    "no warning about the provider");
        }
    }

    private static Stream<String> logLines() {
        Path logs = Path.of(System.getProperty("tollgate.it.catalina.base"), "logs");
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(Files::isRegularFile).toList().stream().flatMap(SigningProviderIT::lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
