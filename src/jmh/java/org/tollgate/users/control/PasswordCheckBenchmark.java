package org.tollgate.users.control;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One password (or client secret) check at the default Argon2id cost: the password grant's ceiling. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordCheckBenchmark {

    private String hash;

    @Setup
    public void setUp() {
        hash = PasswordHasher.DEFAULT.hash("correct horse battery staple");
    }

    @Benchmark
    public boolean verify() {
        return PasswordHasher.DEFAULT.verify("correct horse battery staple", hash);
    }
}
