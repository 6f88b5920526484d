package org.tollgate.persistence;

import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.TestSettings;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenRequest;
import org.tollgate.token.control.TokenResponse;

/**
 * Starts Tollgate in the test's JVM on the database of a given directory (embedded H2 there, or PostgreSQL:
 * {@link InProcessDatabase}), with settings given as names and values.
 */
final class InProcessTollgate {

    static final Path IMPORT = Path.of("src/test/resources/it-import.json").toAbsolutePath();

    private InProcessTollgate() {
    }

    static Tollgate start(Path dataDir, String... settings) {
        String[] all = new String[settings.length + 4];
        all[0] = Settings.IMPORT;
        all[1] = IMPORT.toString();
        all[2] = Settings.ISSUER;
        all[3] = "https://tollgate.test";
        System.arraycopy(settings, 0, all, 4, settings.length); // later pairs win: a test may replace the import
        Settings given = TestSettings.embeddedIn(dataDir, all);
        return Tollgate.start(given, InProcessDatabase.location(dataDir, given));
    }

    /** One token request with client_secret_post credentials (or a public client when secret is null). */
    static TokenResponse issue(Tollgate tollgate, String clientId, String secret, String... fields) {
        return issueFrom(null, tollgate, clientId, secret, fields);
    }

    /** The same from a client address, which the brute-force throttle counts by. */
    static TokenResponse issueFrom(String address, Tollgate tollgate, String clientId, String secret,
                                   String... fields) {
        Map<String, List<String>> form = new HashMap<>();
        form.put(TokenRequest.CLIENT_ID, List.of(clientId));
        if (secret != null) {
            form.put(TokenRequest.CLIENT_SECRET, List.of(secret));
        }
        for (int i = 0; i < fields.length; i += 2) {
            form.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
        }
        return tollgate.tokenIssuer().issue(TokenRequest.from(form, null, address));
    }

    /** The public half of the key that signs now. */
    static JWK activeKey(Tollgate tollgate) {
        return tollgate.keyRing().publicKeys().getKeyByKeyId(tollgate.keyRing().activeKid());
    }

    static OAuthError errorOf(Runnable request) {
        try {
            request.run();
        } catch (OAuthException e) {
            return e.error();
        }
        throw new AssertionError("expected an OAuth error");
    }
}
