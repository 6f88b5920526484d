package org.tollgate.persistence;

import com.nimbusds.jose.jwk.JWK;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenRequest;
import org.tollgate.token.control.TokenResponse;

/** Starts Tollgate in the test's JVM on embedded H2 in a given directory, with settings given as a map. */
final class InProcessTollgate {

    static final Path IMPORT = Path.of("src/test/resources/it-import.json").toAbsolutePath();

    private InProcessTollgate() {
    }

    static Tollgate start(Path dataDir, String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put(Settings.DATA_DIR, dataDir.toString());
        values.put(Settings.IMPORT, IMPORT.toString());
        values.put(Settings.ISSUER, "https://tollgate.test");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return Tollgate.start(new Settings(List.of(name -> Optional.ofNullable(values.get(name)))));
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
