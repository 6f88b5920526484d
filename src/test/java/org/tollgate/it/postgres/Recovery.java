package org.tollgate.it.postgres;

import static org.tollgate.it.Registered.SERVICE;
import static org.tollgate.it.Registered.SERVICE_SECRET;
import static org.tollgate.it.TokenEndpoint.basic;

import java.time.Duration;
import java.time.Instant;
import org.tollgate.it.Answer;
import org.tollgate.it.Encoding;
import org.tollgate.it.Fields;
import org.tollgate.it.TokenEndpoint;

/** Waits for a Tollgate that answers 503 while its database is away to answer anything else. */
final class Recovery {

    static final Fields CLIENT_CREDENTIALS = Fields.of("grant_type", "client_credentials");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Recovery() {
    }

    /** The first client_credentials answer that is not a 503, or the last 503 after a minute. */
    static Answer await(TokenEndpoint endpoint) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            Answer answer = endpoint.post(Encoding.FORM, CLIENT_CREDENTIALS, basic(SERVICE, SERVICE_SECRET));
            if (answer.status() != 503 || Instant.now().isAfter(deadline)) {
                return answer;
            }
            Thread.sleep(500);
        }
    }
}
