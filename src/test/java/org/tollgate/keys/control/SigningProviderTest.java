package org.tollgate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.KeySpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningProviderTest {

    private static final String ACCP = AmazonCorrettoCryptoProvider.PROVIDER_NAME;
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().subject("alice").build();

    private final Logger logger = Logger.getLogger(SigningProvider.class.getName());
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void installProviders() {
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        Security.addProvider(AmazonCorrettoCryptoProvider.INSTANCE);
        Security.addProvider(new WrongSignatures());
    }

    @AfterAll
    static void removeProviders() {
        Security.removeProvider(ACCP);
        Security.removeProvider(WrongSignatures.NAME);
    }

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void whenANativeProviderIsNamedThenItSignsAndTheJdkVerifies(String algorithm) throws Exception {
        JWK key = KeyGenerator.generate(KeyGenerator.algorithm(algorithm));
        String token = signerWith(key, SigningProvider.named(Optional.of(ACCP))).sign(CLAIMS);

        assertVerifies(key, token);
        assertEquals(List.of("INFO Signing key " + key.getKeyID() + " signs with " + ACCP), log);
    }

    /** A jar in the server's lib directory is on the class path without being registered in the JVM. */
    @Test
    void whenTheProviderIsNamedByItsClassThenAnInstanceOfItSigns() throws Exception {
        SigningProvider provider = SigningProvider.named(Optional.of(AmazonCorrettoCryptoProvider.class.getName()));
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);

        assertVerifies(key, signerWith(key, provider).sign(CLAIMS));
        assertEquals(List.of("INFO Signing key " + key.getKeyID() + " signs with " + ACCP), log);
    }

    /** RS256 is deterministic: the provider's token must be, byte for byte, the JDK's. */
    @Test
    void whenANativeProviderSignsRs256ThenTheTokenIsTheJdks() throws Exception {
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);
        assertEquals(new JwtSigner(key).sign(CLAIMS),
                signerWith(key, SigningProvider.named(Optional.of(ACCP))).sign(CLAIMS));
    }

    @Test
    void whenNoProviderIsNamedThenTheJvmDefaultsSignWithoutALogLine() throws Exception {
        assertSame(SigningProvider.JVM_DEFAULT, SigningProvider.named(Optional.empty()));
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);
        assertVerifies(key, signerWith(key, SigningProvider.JVM_DEFAULT).sign(CLAIMS));
        assertEquals(List.of(), log);
    }

    @Test
    void whenTheNamedProviderIsNotInstalledThenTheJvmDefaultsSignAndAWarningNamesTheSetting() throws Exception {
        SigningProvider provider = SigningProvider.named(Optional.of("NoSuchProvider"));

        assertSame(SigningProvider.JVM_DEFAULT, provider);
        assertEquals(List.of("WARNING Signing provider NoSuchProvider (signing.provider) is neither installed in"
                + " this JVM nor a provider class on the server's class path (java.lang.ClassNotFoundException:"
                + " NoSuchProvider); signing with the JVM's default providers"), log);
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);
        assertVerifies(key, signerWith(key, provider).sign(CLAIMS));
    }

    /** SunEC is installed in every JDK and knows no RSA keys. */
    @Test
    void whenTheProviderCannotTakeTheKeyThenTheJvmDefaultsSignAndAWarningSaysSo() throws Exception {
        SigningProvider provider = SigningProvider.named(Optional.of("SunEC"));
        assertNotSame(SigningProvider.JVM_DEFAULT, provider);
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);

        assertVerifies(key, signerWith(key, provider).sign(CLAIMS));
        assertEquals(1, log.size(), log::toString);
        assertTrue(log.get(0).startsWith("WARNING Signing provider SunEC cannot sign with key " + key.getKeyID()),
                log::toString);
    }

    @Test
    void whenTheNamedClassIsNoProviderThenTheJvmDefaultsSign() {
        assertSame(SigningProvider.JVM_DEFAULT, SigningProvider.named(Optional.of(String.class.getName())));
        assertEquals(1, log.size(), log::toString);
        assertTrue(log.get(0).contains("java.lang.ClassCastException"), log::toString);
    }

    @Test
    void whenTheProviderSignsWronglyThenTheJvmDefaultsSignAndAWarningSaysSo() throws Exception {
        JWK key = KeyGenerator.generate(JWSAlgorithm.RS256);
        String token = signerWith(key, SigningProvider.named(Optional.of(WrongSignatures.NAME))).sign(CLAIMS);

        assertVerifies(key, token);
        assertEquals(List.of("WARNING Signing provider " + WrongSignatures.NAME + " cannot sign with key "
                + key.getKeyID() + " (com.nimbusds.jose.JOSEException: its signature does not verify with the"
                + " public key); signing with the JVM's default providers"), log);
    }

    private static JwtSigner signerWith(JWK key, SigningProvider provider) {
        return new JwtSigner(key, provider, SigningThreads.CALLER);
    }

    private static void assertVerifies(JWK key, String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
                SigningProvider.publicKeyOf(key))));
        assertEquals("alice", jwt.getJWTClaimsSet().getSubject());
    }

    /** Takes RSA keys as the JDK does, and signs with the JDK, then spoils the signature's last byte. */
    public static final class WrongSignatures extends Provider {
        static final String NAME = "TollgateTestWrongSignatures";

        WrongSignatures() {
            super(NAME, "1", "signs RS256 wrongly");
            putService(new Service(this, "KeyFactory", "RSA", JdkRsaKeys.class.getName(), null, null));
            putService(new Service(this, "Signature", "SHA256withRSA", SpoiledSignature.class.getName(), null, null));
        }
    }

    public static final class JdkRsaKeys extends KeyFactorySpi {
        private final KeyFactory jdk;

        public JdkRsaKeys() throws NoSuchAlgorithmException {
            jdk = KeyFactory.getInstance("RSA");
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws java.security.spec.InvalidKeySpecException {
            return jdk.generatePublic(spec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws java.security.spec.InvalidKeySpecException {
            return jdk.generatePrivate(spec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type)
                throws java.security.spec.InvalidKeySpecException {
            return jdk.getKeySpec(key, type);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return jdk.translateKey(key);
        }
    }

    public static final class SpoiledSignature extends SignatureSpi {
        private final Signature jdk;

        public SpoiledSignature() throws NoSuchAlgorithmException {
            jdk = Signature.getInstance("SHA256withRSA");
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            jdk.initVerify(key);
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            jdk.initSign(key);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            byte[] signature = jdk.sign();
            signature[signature.length - 1] ^= 1;
            return signature;
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            return jdk.verify(signature);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
