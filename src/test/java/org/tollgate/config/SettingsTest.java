package org.tollgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings.Source source(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    @Test
    void whenSeveralSourcesSetAValueThenTheFirstWins() {
        Settings settings = new Settings(List.of(source(Map.of("issuer", "https://jndi")),
                source(Map.of("issuer", "https://property", "audience", "api"))));
        assertEquals("https://jndi", settings.get(Settings.ISSUER));
        assertEquals("api", settings.audience());
    }

    @Test
    void whenNothingSetsAValueThenTheDefaultApplies() {
        Settings settings = new Settings(List.of());
        assertEquals("http://localhost:8080", settings.get(Settings.ISSUER));
        assertEquals(300, settings.getSeconds(Settings.ACCESS_TOKEN_TTL));
        assertEquals("RS256", settings.get(Settings.SIGNING_ALG));
        assertEquals(settings.get(Settings.ISSUER), settings.audience());
        assertTrue(settings.find(Settings.IMPORT).isEmpty());
    }

    @Test
    void whenAValueIsBlankThenTheNextSourceIsAsked() {
        Settings settings = new Settings(List.of(source(Map.of("issuer", "  ")), source(Map.of("issuer", "https://b"))));
        assertEquals("https://b", settings.get(Settings.ISSUER));
    }

    @Test
    void whenADurationIsNotAPositiveNumberThenTheMessageNamesTheSetting() {
        Settings settings = new Settings(List.of(source(Map.of("access-token.ttl", "soon"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings.getSeconds(Settings.ACCESS_TOKEN_TTL));
        assertTrue(e.getMessage().contains("access-token.ttl"), e.getMessage());
    }

    @Test
    void whenADurationIsBeyondTenYearsThenTheMessageNamesTheSettingAndTheLimit() {
        Settings settings = new Settings(List.of(source(Map.of("access-token.ttl", "9223372036854775807",
                "refresh-token.ttl", String.valueOf(Settings.MAX_SECONDS)))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings.getSeconds(Settings.ACCESS_TOKEN_TTL));
        assertTrue(e.getMessage().contains("access-token.ttl") && e.getMessage().contains("ten years"), e.getMessage());
        assertEquals(Settings.MAX_SECONDS, settings.getSeconds(Settings.REFRESH_TOKEN_TTL));
    }

    @Test
    void whenNamedForTheEnvironmentThenDotsAndDashesBecomeUnderscores() {
        assertEquals("TOLLGATE_ACCESS_TOKEN_TTL", Settings.environmentName("access-token.ttl"));
        assertEquals("TOLLGATE_DATA_DIR", Settings.environmentName("data.dir"));
    }

    @Test
    void whenReadFromTheSystemThenThePropertyIsPrefixed() {
        System.setProperty("tollgate.audience", "from-property");
        try {
            assertEquals("from-property", Settings.fromEnvironment().audience());
        } finally {
            System.clearProperty("tollgate.audience");
        }
    }

    @Test
    void whenAskedForTheSourceThenTheNamedSourceOrTheDefaultIsReported() {
        Settings settings = new Settings(List.of(Settings.Source.named("JNDI", source(Map.of())),
                Settings.Source.named("system property", source(Map.of("issuer", "https://p")))));
        assertEquals(new Settings.Effective("issuer", "https://p", "system property"),
                settings.effective(Settings.ISSUER).orElseThrow());
        assertEquals("default", settings.effective(Settings.ACCESS_TOKEN_TTL).orElseThrow().source());
        assertTrue(settings.effective(Settings.IMPORT).isEmpty());
        assertEquals("https://p", settings.get(Settings.ISSUER));
    }

    @Test
    void whenASettingHoldsASecretThenItIsKnownAsOne() {
        assertTrue(Settings.isSecret(Settings.METRICS_TOKEN));
        assertTrue(!Settings.isSecret(Settings.ACCESS_TOKEN_TTL) && !Settings.isSecret(Settings.ISSUER));
    }

    @Test
    void whenABooleanIsNeitherTrueNorFalseThenTheMessageNamesTheSetting() {
        Settings settings = new Settings(List.of(source(Map.of("metrics.enabled", "yes"))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> settings.getBoolean(Settings.METRICS_ENABLED));
        assertTrue(e.getMessage().contains("metrics.enabled"), e.getMessage());
        assertTrue(!new Settings(List.of()).getBoolean(Settings.METRICS_ENABLED));
    }

    @Test
    void whenSettingsAreListedThenEveryNamedSettingIsThereInOrder() {
        assertTrue(Settings.NAMES.containsAll(List.of(Settings.ISSUER, Settings.METRICS_TOKEN, Settings.IMPORT,
                Settings.KEYS_ENCRYPTION_KEY)), Settings.NAMES.toString());
        assertEquals(Settings.NAMES.stream().sorted().toList(), Settings.NAMES);
        assertTrue(Settings.isSecret(Settings.KEYS_ENCRYPTION_KEY));
    }
}
