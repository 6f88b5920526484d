package org.tollgate.config;

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
    public static final String SIGNING_ALG = "signing.alg";
    public static final String SIGNING_ROTATION = "signing.rotation";
    public static final String MAX_BODY_BYTES = "max-body-bytes";

    /** Every setting Tollgate reads. */
    public static final List<String> NAMES = List.of(ISSUER, AUDIENCE, IMPORT, DATA_DIR, DATASOURCE,
            ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, SIGNING_ALG, SIGNING_ROTATION, MAX_BODY_BYTES);

    private static final Logger LOG = Logger.getLogger(Settings.class.getName());
    private static final Map<String, String> DEFAULTS = Map.of(
            ISSUER, "http://localhost:8080",
            DATA_DIR, System.getProperty("user.home") + "/.tollgate",
            ACCESS_TOKEN_TTL, "300",
            REFRESH_TOKEN_TTL, "86400",
            SIGNING_ALG, "RS256",
            MAX_BODY_BYTES, "65536");

    /** Where a value may come from, asked in order. */
    public interface Source {
        Optional<String> lookup(String name);
    }

    private final List<Source> sources;

    public Settings(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The sources a deployed Tollgate reads, in their documented order. */
    public static Settings fromEnvironment() {
        return new Settings(List.of(Settings::jndi, Settings::systemProperty, Settings::environment));
    }

    /**
     * Every setting as the sources give it now. A deployed Tollgate reads this copy, so a later read needs
     * no JNDI context, which some servers give only to their own threads.
     */
    public Settings snapshot() {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            for (Source source : sources) {
                Optional<String> value = source.lookup(name).map(String::trim).filter(v -> !v.isEmpty());
                if (value.isPresent()) {
                    values.put(name, value.get());
                    break;
                }
            }
        }
        return new Settings(List.of(name -> Optional.ofNullable(values.get(name))));
    }

    /** The value, or empty when no source sets it and it has no default. */
    public Optional<String> find(String name) {
        for (Source source : sources) {
            Optional<String> value = source.lookup(name).map(String::trim).filter(v -> !v.isEmpty());
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.ofNullable(DEFAULTS.get(name));
    }

    public String get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("Setting '" + name + "' is not set"));
    }

    public long getSeconds(String name) {
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
