package org.tollgate.operations.control;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import org.tollgate.clients.control.ClientCache;
import org.tollgate.clients.control.ClientRegistry;
import org.tollgate.keys.control.KeyRing;
import org.tollgate.token.control.RefreshTokenStore;
import org.tollgate.token.control.TokenAdministration;
import org.tollgate.users.control.LoginThrottle;
import org.tollgate.users.control.PasswordHasher;
import org.tollgate.users.control.UserDirectory;

/**
 * What administrators and monitoring use: the management control objects, the audit log, the metrics
 * and the health check. The meter registry is this deployment's own (never Micrometer's global one), so
 * an undeploy leaves nothing behind; it starts no thread.
 */
public final class Operations implements AutoCloseable {

    private static final String PASSWORD_CHECKS = "tollgate.password.checks";

    private final ClientRegistry clients;
    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final TokenAdministration tokens;
    private final AuditLog audit;
    private final PrometheusMeterRegistry registry;
    private final TokenMetrics metrics;
    private final TokenEvents events;
    private final HealthCheck health;
    private final PasswordHasher hasher;

    public Operations(EntityManagerFactory emf, KeyRing keyRing, PasswordHasher hasher, ClientCache clientCache,
                      RefreshTokenStore refreshTokens, LoginThrottle throttle, List<String> grantTypes, Clock clock) {
        this.throttle = throttle;
        this.clients = new ClientRegistry(emf, hasher, clientCache);
        this.users = new UserDirectory(emf, hasher, clock);
        this.tokens = new TokenAdministration(emf, refreshTokens, clock);
        this.audit = new AuditLog(clock);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new TokenMetrics(registry, grantTypes);
        this.hasher = hasher;
        FunctionCounter.builder(PASSWORD_CHECKS, hasher, PasswordHasher::checks)
                .description("Argon2 checks of passwords and client secrets, decoys for unknown accounts included")
                .register(registry);
        this.events = new TokenEvents(audit, metrics);
        this.health = new HealthCheck(emf, keyRing);
    }

    public ClientRegistry clients() {
        return clients;
    }

    public UserDirectory users() {
        return users;
    }

    /** The brute-force locks, which administrators may lift. */
    public LoginThrottle throttle() {
        return throttle;
    }

    public TokenAdministration tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    public TokenMetrics metrics() {
        return metrics;
    }

    /** Argon2 checks run since start, decoys for unknown accounts included. */
    public long passwordChecks() {
        return hasher.checks();
    }

    /** The metrics in the Prometheus text exposition format. */
    public String prometheusText() {
        return registry.scrape();
    }

    public TokenEvents events() {
        return events;
    }

    public HealthCheck health() {
        return health;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            health.close();
        }
    }
}
