package org.tollgate.token.control;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tollgate.BenchTollgate;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.persistence.Database;

/** One refresh rotation against embedded H2 ({@link RefreshRotation}): its database cost alone. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RefreshRotationBenchmark {

    private static final long TTL_SECONDS = 3600;

    private Database database;
    private UnitOfWork unitOfWork;
    private final RefreshTokenStore store = new RefreshTokenStore(Clock.systemUTC());
    private String presented;

    @Setup(Level.Trial)
    public void start() {
        Settings settings = BenchTollgate.settings();
        Tollgate.start(settings).close(); // migrates the schema and imports the demo client and user
        database = Database.open(settings);
        unitOfWork = new UnitOfWork(database.entityManagerFactory());
        presented = unitOfWork.run(em -> store.issue(em, store.newValue(), UUID.randomUUID().toString(),
                BenchTollgate.CLIENT, BenchTollgate.USER, null, org.tollgate.token.control.Scope.parse("read"),
                TTL_SECONDS));
    }

    @TearDown(Level.Trial)
    public void stop() {
        database.close();
    }

    @Benchmark
    public String rotate() {
        presented = RefreshRotation.rotate(unitOfWork, store, presented, TTL_SECONDS);
        return presented;
    }
}
