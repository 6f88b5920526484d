package org.tollgate.token.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tollgate.BenchTollgate;
import org.tollgate.Tollgate;

/**
 * One token request through {@link TokenIssuer}, in process, per grant: client authentication, the grant,
 * the database (embedded H2) and the signature, without HTTP. Compare with the signing ceiling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenIssuerBenchmark {

    @Param({"client_credentials", "refresh_token", "password"})
    public String grant;

    private Tollgate tollgate;

    @Setup(Level.Trial)
    public void start() {
        tollgate = Tollgate.start(BenchTollgate.settings());
    }

    @TearDown(Level.Trial)
    public void stop() {
        tollgate.close();
    }

    /** Each thread's own refresh token: rotation forbids reuse, so it follows the chain. */
    @State(Scope.Thread)
    public static class Chain {
        String refreshToken;
    }

    @Benchmark
    public TokenResponse issue(Chain chain) {
        return switch (grant) {
            case "client_credentials" -> request("grant_type", "client_credentials");
            case "password" -> request("grant_type", "password", "username", BenchTollgate.USER,
                    "password", BenchTollgate.PASSWORD);
            case "refresh_token" -> refresh(chain);
            default -> throw new IllegalArgumentException(grant);
        };
    }

    private TokenResponse refresh(Chain chain) {
        if (chain.refreshToken == null) {
            chain.refreshToken = request("grant_type", "password", "username", BenchTollgate.USER,
                    "password", BenchTollgate.PASSWORD).refreshToken();
        }
        TokenResponse response = request("grant_type", "refresh_token", "refresh_token", chain.refreshToken);
        chain.refreshToken = response.refreshToken();
        return response;
    }

    private TokenResponse request(String... fields) {
        Map<String, List<String>> form = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
        }
        return tollgate.tokenIssuer().issue(TokenRequest.from(form, BenchTollgate.BASIC));
    }
}
