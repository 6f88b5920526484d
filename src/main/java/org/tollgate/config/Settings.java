package org.tollgate.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * The one place that reads settings: JNDI {@code java:comp/env/tollgate/<name>}, then the system
 * property {@code tollgate.<name>}, then the environment variable {@code TOLLGATE_<NAME>}, then the default.
 */
public final class Settings {

    public static final String ISSUER = "issuer";
    public static final String AUDIENCE = "audience";
    public static final String IMPORT = "import";
    public static final String DATA_DIR = "data.dir";
    public static final String DATASOURCE = "datasource";
    public static final String ACCESS_TOKEN_TTL = "access-token.ttl";
    public static final String REFRESH_TOKEN_TTL = "refresh-token.ttl";
    public static final String REFRESH_TOKEN_GRACE = "refresh-token.grace";
    public static final String SIGNING_ALG = "signing.alg";
    public static final String SIGNING_ROTATION = "signing.rotation";
    public static final String SIGNING_PROVIDER = "signing.provider";
    public static final String MAX_BODY_BYTES = "max-body-bytes";
    public static final String KEYS_ENCRYPTION_KEY = "keys.encryption-key";
    public static final String ARGON2_MEMORY = "password.argon2.memory";
    public static final String ARGON2_ITERATIONS = "password.argon2.iterations";
    public static final String ARGON2_PARALLELISM = "password.argon2.parallelism";
    public static final String BRUTE_FORCE_DELAY_AFTER = "brute-force.delay-after";
    public static final String BRUTE_FORCE_MAX_FAILURES = "brute-force.max-failures";
    public static final String BRUTE_FORCE_ADDRESS_MAX_FAILURES = "brute-force.address.max-failures";
    public static final String BRUTE_FORCE_WINDOW = "brute-force.window";
    public static final String BRUTE_FORCE_LOCK = "brute-force.lock";
    public static final String METRICS_ENABLED = "metrics.enabled";
    public static final String METRICS_TOKEN = "metrics.token";

    private static final Logger LOG = Logger.getLogger(Settings.class.getName());
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(ISSUER, "http://localhost:8080"),
            Map.entry(DATA_DIR, System.getProperty("user.home") + "/.tollgate"),
            Map.entry(ACCESS_TOKEN_TTL, "300"),
            Map.entry(REFRESH_TOKEN_TTL, "86400"),
            Map.entry(REFRESH_TOKEN_GRACE, "PT0S"),
            Map.entry(SIGNING_ALG, "RS256"),
            Map.entry(MAX_BODY_BYTES, "65536"),
            Map.entry(ARGON2_MEMORY, "19456"),
            Map.entry(ARGON2_ITERATIONS, "2"),
            Map.entry(ARGON2_PARALLELISM, "1"),
            Map.entry(BRUTE_FORCE_DELAY_AFTER, "3"),
            Map.entry(BRUTE_FORCE_MAX_FAILURES, "10"),
            Map.entry(BRUTE_FORCE_ADDRESS_MAX_FAILURES, "100"),
            Map.entry(BRUTE_FORCE_WINDOW, "900"),
            Map.entry(BRUTE_FORCE_LOCK, "900"),
            Map.entry(METRICS_ENABLED, "false"));

    /** Every setting Tollgate reads (each public String constant here names one), in alphabetical order. */
    public static final List<String> NAMES = Arrays.stream(Settings.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(Settings::constant).sorted().toList();

    /** Where a value may come from, asked in order. */
    public interface Source {
        Optional<String> lookup(String name);

        /** A source that reports itself under {@code label} (an unnamed one is reported by its position). */
        static Source named(String label, Source source) {
            return new Named(label, source);
        }
    }

    private record Named(String label, Source source) implements Source {
        @Override
        public Optional<String> lookup(String name) {
            return source.lookup(name);
        }
    }

    /** A value and where it came from: a source's label, or "default". */
    public record Effective(String name, String value, String source) {
    }

    private final List<Source> sources;

    public Settings(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The sources a deployed Tollgate reads, in their documented order. */
    public static Settings fromEnvironment() {
        return new Settings(List.of(Source.named("JNDI", Settings::jndi),
                Source.named("system property", Settings::systemProperty),
                Source.named("environment", Settings::environment)));
    }

    /**
     * Every setting as the sources give it now. A deployed Tollgate reads this copy, so a later read needs
     * no JNDI context, which some servers give only to their own threads.
     */
    public Settings snapshot() {
        List<Source> frozen = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            Map<String, String> values = new HashMap<>();
            for (String name : NAMES) {
                source.lookup(name).ifPresent(value -> values.put(name, value));
            }
            String label = source instanceof Named named ? named.label() : "source " + (i + 1);
            frozen.add(Source.named(label, name -> Optional.ofNullable(values.get(name))));
        }
        return new Settings(frozen);
    }

    /** The value, or empty when no source sets it and it has no default. */
    public Optional<String> find(String name) {
        return effective(name).map(Effective::value);
    }

    /** The value with the source it came from, or empty when no source sets it and it has no default. */
    public Optional<Effective> effective(String name) {
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            Optional<String> value = source.lookup(name).map(String::trim).filter(v -> !v.isEmpty());
            if (value.isPresent()) {
                String label = source instanceof Named named ? named.label() : "source " + (i + 1);
                return Optional.of(new Effective(name, value.get(), label));
            }
        }
        return Optional.ofNullable(DEFAULTS.get(name)).map(value -> new Effective(name, value, "default"));
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings whose values are secrets: shown masked wherever settings are listed. */
    public static boolean isSecret(String name) {
        return name.endsWith("token") || name.endsWith("password") || name.endsWith("secret")
                || name.endsWith("key");
    }

    public boolean getBoolean(String name) {
        String value = get(name);
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalStateException("Setting '" + name + "' must be true or false, not '" + value + "'");
    }

    public String get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("Setting '" + name + "' is not set"));
    }

    /**
     * Ten years: longer than any lifetime, window or lock needs, and far from where adding it to a date overflows
     * (which made every token request of a client with a longer lifetime fail).
     */
    public static final long MAX_SECONDS = 10L * 366 * 24 * 60 * 60;

    /** A duration in whole seconds, from 1 to {@link #MAX_SECONDS}. */
    public long getSeconds(String name) {
        long seconds = getPositive(name);
        if (seconds > MAX_SECONDS) {
            throw new IllegalStateException("Setting '" + name + "' must be at most " + MAX_SECONDS
                    + " seconds (ten years), not '" + get(name) + "'");
        }
        return seconds;
    }

    /** A positive whole number: a duration in seconds, a count, a size. */
    public long getPositive(String name) {
        String value = get(name);
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("Setting '" + name + "' must be a positive whole number, not '" + value + "'");
    }

    /** The audience of access tokens; the issuer unless set. */
    public String audience() {
        return find(AUDIENCE).orElseGet(() -> get(ISSUER));
    }

    static Optional<String> jndi(String name) {
        try {
            Object value = new InitialContext().lookup("java:comp/env/tollgate/" + name);
            return Optional.ofNullable(value).map(Object::toString);
        } catch (NameNotFoundException e) {
            return Optional.empty();
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "No JNDI environment for setting {0}: {1}", new Object[] {name, e.toString()});
            return Optional.empty();
        }
    }

    static Optional<String> systemProperty(String name) {
        return Optional.ofNullable(System.getProperty("tollgate." + name));
    }

    static Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(environmentName(name)));
    }

    static String environmentName(String name) {
        return "TOLLGATE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
