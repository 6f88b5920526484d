package org.tollgate.operations.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tollgate.token.control.OAuthError;

/**
 * Request counts and latency histograms of the token, revocation and introspection endpoints, per grant and
 * outcome. Every timer is registered up front, for the known grants and outcomes only (an unknown grant_type
 * counts as "other"), so a request only looks two keys up: no per-request meter lookup or tag allocation,
 * and no client can make the number of series grow.
 */
public final class TokenMetrics {

    public static final String TOKEN_REQUESTS = "tollgate.token.requests";
    public static final String REVOCATION_REQUESTS = "tollgate.revocation.requests";
    public static final String INTROSPECTION_REQUESTS = "tollgate.introspection.requests";
    public static final String SUCCESS = "success";
    static final String OTHER_GRANT = "other";
    /** Histogram buckets: enough to tell a fast request from one waiting on Argon2 or on the database. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500)};

    /** One timer and the name it has as an MBean attribute prefix, e.g. {@code token.password.success}. */
    public record Named(String name, Timer timer) {
    }

    private final Map<String, Map<String, Timer>> tokenTimers = new LinkedHashMap<>();
    private final Map<String, Timer> revocationTimers;
    private final Map<String, Timer> introspectionTimers;
    private final List<Named> all = new ArrayList<>();

    public TokenMetrics(MeterRegistry registry, List<String> grantTypes) {
        List<String> grants = new ArrayList<>(grantTypes);
        grants.add(OTHER_GRANT);
        for (String grant : grants) {
            tokenTimers.put(grant, timers(registry, TOKEN_REQUESTS, "token." + grant, grant));
        }
        revocationTimers = timers(registry, REVOCATION_REQUESTS, "revocation", null);
        introspectionTimers = timers(registry, INTROSPECTION_REQUESTS, "introspection", null);
    }

    private Map<String, Timer> timers(MeterRegistry registry, String meter, String prefix, String grant) {
        Map<String, Timer> byOutcome = new LinkedHashMap<>();
        List<String> outcomes = new ArrayList<>();
        outcomes.add(SUCCESS);
        for (OAuthError error : OAuthError.values()) {
            outcomes.add(error.code());
        }
        for (String outcome : outcomes) {
            Timer.Builder builder = Timer.builder(meter).tag("outcome", outcome).serviceLevelObjectives(BUCKETS);
            if (grant != null) {
                builder.tag("grant", grant);
            }
            Timer timer = builder.register(registry);
            byOutcome.put(outcome, timer);
            all.add(new Named(prefix + "." + outcome, timer));
        }
        return byOutcome;
    }

    /** @param error null on success */
    public void token(String grantType, OAuthError error, long nanos) {
        Map<String, Timer> byOutcome = grantType == null ? null : tokenTimers.get(grantType);
        record(byOutcome == null ? tokenTimers.get(OTHER_GRANT) : byOutcome, error, nanos);
    }

    public void revocation(OAuthError error, long nanos) {
        record(revocationTimers, error, nanos);
    }

    public void introspection(OAuthError error, long nanos) {
        record(introspectionTimers, error, nanos);
    }

    private static void record(Map<String, Timer> byOutcome, OAuthError error, long nanos) {
        byOutcome.get(error == null ? SUCCESS : error.code()).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Every timer, in a fixed order. */
    public List<Named> timers() {
        return Collections.unmodifiableList(all);
    }
}
