package org.tollgate.keys.control;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One access token signature per call, per algorithm and provider (the JDK's, or Amazon Corretto Crypto
 * Provider as signing.provider would use it): the ceiling of every grant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

    @Param({"RS256", "PS256", "ES256"})
    public String algorithm;

    @Param({"jdk", "accp"})
    public String provider;

    private JwtSigner signer;
    private JWTClaimsSet claims;

    @Setup
    public void setUp() {
        SigningProvider signing = provider.equals("accp")
                ? SigningProvider.named(Optional.of(AmazonCorrettoCryptoProvider.class.getName()))
                : SigningProvider.JVM_DEFAULT;
        signer = new JwtSigner(KeyGenerator.generate(KeyGenerator.algorithm(algorithm)), signing,
                SigningThreads.CALLER); // the bare signature: the ceiling the load benchmark compares with
        Date now = new Date();
        claims = new JWTClaimsSet.Builder().issuer("https://tollgate.example").subject("alice")
                .audience("https://tollgate.example").issueTime(now).expirationTime(new Date(now.getTime() + 300_000))
                .jwtID("6f1c2b1e-4f0e-4c1e-9d55-2f7b8f6b0a11").claim("client_id", "app").claim("scope", "read write")
                .build();
    }

    @Benchmark
    public String sign() {
        return signer.sign(claims);
    }
}
