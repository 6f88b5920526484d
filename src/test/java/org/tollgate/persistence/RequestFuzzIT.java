package org.tollgate.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tollgate.TestFiles;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.token.control.OAuthError;
import org.tollgate.token.control.OAuthException;
import org.tollgate.token.control.TokenRequest;

/**
 * Property-based fuzzing of request parsing and client authentication: whatever fields and Authorization
 * header arrive, the answer is tokens or a client error; never a server error, never another exception.
 */
class RequestFuzzIT {

    private static final Set<OAuthError> SERVER_SIDE = Set.of(OAuthError.SERVER_ERROR,
            OAuthError.TEMPORARILY_UNAVAILABLE);
    private static Path dataDir;
    private static Tollgate tollgate;

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("tollgate-fuzz");
        // cheap hashes so that hundreds of tries stay quick; the code path is the same
        tollgate = InProcessTollgate.start(dataDir, Settings.ARGON2_MEMORY, "64", Settings.ARGON2_ITERATIONS, "1",
                Settings.BRUTE_FORCE_DELAY_AFTER, "100000", Settings.BRUTE_FORCE_MAX_FAILURES, "100000");
    }

    @AfterContainer
    static void stop() throws IOException {
        try {
            tollgate.close();
        } finally {
            TestFiles.deleteRecursively(dataDir);
        }
    }

    @Property(tries = 600)
    void whenAnyFieldsAndHeaderArriveThenTokensOrAClientError(
            @ForAll("fields") Map<String, List<String>> fields, @ForAll("authorizations") String authorization) {
        try {
            tollgate.tokenIssuer().issue(TokenRequest.from(fields, authorization, "192.0.2.1"));
        } catch (OAuthException e) {
            if (SERVER_SIDE.contains(e.error())) {
                throw new AssertionError("server-side error for " + fields.keySet() + ": " + e.description());
            }
        }
    }

    @Provide
    Arbitrary<Map<String, List<String>>> fields() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(TokenRequest.FIELDS),
                Arbitraries.strings().all().ofMaxLength(20));
        Arbitrary<List<String>> values = Arbitraries.oneOf(
                Arbitraries.of("password", "client_credentials", "refresh_token", "app", "app-secret", "spa", "alice",
                        "alice-password", "read", "read write", "", " ", "%00", "\u0000", "caf\u00e9"),
                Arbitraries.strings().all().ofMaxLength(300),
                // jqwik's strings leave out surrogates; a UTF-32 body can carry half a pair
                Arbitraries.strings().all().ofMaxLength(20).flatMap(text -> Arbitraries.chars()
                        .range(Character.MIN_SURROGATE, Character.MAX_SURROGATE).map(half -> text + half)),
                Arbitraries.strings().ascii().ofMaxLength(5000))
                .list().ofMinSize(0).ofMaxSize(3);
        return Arbitraries.maps(names, values).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> authorizations() {
        Arbitrary<String> credentials = Arbitraries.oneOf(
                Arbitraries.of("app:app-secret", "app:wrong", "spa:", ":", "odd%3Aclient:s3cret+with+spaces%3A%2B%25%26"),
                Arbitraries.strings().all().ofMaxLength(100));
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                credentials.map(c -> "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.strings().all().ofMaxLength(200).map(s -> "Basic " + s),
                Arbitraries.strings().all().ofMaxLength(200));
    }
}
