package org.tollgate.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where signatures are computed: the JVM's default JCA providers, or the provider the administrator names
 * in {@code signing.provider} and has installed in the server (a native one, such as Amazon Corretto
 * Crypto Provider, signs RS256 several times faster than the JDK). The key is translated into that
 * provider once per signing key, and its first signature is checked with the JDK's verifier; a provider that
 * is missing, refuses the key or signs wrongly leaves the JDK's providers signing, with one warning.
 */
public final class SigningProvider {

    public static final SigningProvider JVM_DEFAULT = new SigningProvider(null);

    private static final Logger LOG = Logger.getLogger(SigningProvider.class.getName());
    private static final byte[] PROBE = "tollgate signing provider check".getBytes(StandardCharsets.US_ASCII);

    private final Provider provider;

    private SigningProvider(Provider provider) {
        this.provider = provider;
    }

    /**
     * The provider registered in the JVM under {@code name}, else the provider class of that name on the
     * server's class path (a jar in Tomcat's {@code lib}), else the JVM's defaults, with a warning.
     */
    public static SigningProvider named(Optional<String> name) {
        if (name.isEmpty()) {
            return JVM_DEFAULT;
        }
        Provider provider = Security.getProvider(name.get());
        if (provider == null) {
            provider = instantiate(name.get());
        }
        return provider == null ? JVM_DEFAULT : new SigningProvider(provider);
    }

    /**
     * Creates the provider with its own class loader as the thread's context loader, so that a thread it
     * starts (a native provider's cleaner) does not keep this application's class loader after undeploy.
     */
    private static Provider instantiate(String className) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        try {
            Class<? extends Provider> type = Class.forName(className, false, application).asSubclass(Provider.class);
            thread.setContextClassLoader(type.getClassLoader());
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warning(() -> "Signing provider " + className + " (signing.provider) is neither installed in this"
                    + " JVM nor a provider class on the server's class path (" + e + "); signing with the JVM's"
                    + " default providers");
            return null;
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    /** A thread-safe signer for the key. */
    JWSSigner signerFor(JWK key, JWSAlgorithm alg) throws JOSEException {
        if (provider != null) {
            try {
                JWSSigner signer = translatedSigner(key);
                checkSignature(signer, key, alg);
                LOG.info(() -> "Signing key " + key.getKeyID() + " signs with " + provider.getName());
                return signer;
            } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
                // a third-party provider may fail in any way (a native library that did not load): the JDK signs
                LOG.warning(() -> "Signing provider " + provider.getName() + " cannot sign with key "
                        + key.getKeyID() + " (" + e + "); signing with the JVM's default providers");
            }
        }
        return new DefaultJWSSignerFactory().createJWSSigner(key, alg);
    }

    private JWSSigner translatedSigner(JWK key) throws JOSEException, GeneralSecurityException {
        JWSSigner signer;
        if (key instanceof RSAKey rsa) {
            signer = new RSASSASigner(translate(rsa.toPrivateKey(), "RSA"));
        } else if (key instanceof ECKey ec) {
            signer = new ECDSASigner(translate(ec.toPrivateKey(), "EC"), ec.getCurve());
        } else {
            throw new JOSEException("no translation for key type " + key.getKeyType());
        }
        signer.getJCAContext().setProvider(provider);
        return signer;
    }

    private PrivateKey translate(PrivateKey key, String keyAlgorithm) throws GeneralSecurityException {
        return (PrivateKey) KeyFactory.getInstance(keyAlgorithm, provider).translateKey(key);
    }

    /** A provider that signs wrongly would issue tokens nobody can verify: the JDK checks one first. */
    private static void checkSignature(JWSSigner signer, JWK key, JWSAlgorithm alg) throws JOSEException {
        JWSHeader header = new JWSHeader(alg);
        Base64URL signature = signer.sign(header, PROBE);
        JWSVerifier jdk = new DefaultJWSVerifierFactory().createJWSVerifier(header, publicKeyOf(key));
        if (!jdk.verify(header, PROBE, signature)) {
            throw new JOSEException("its signature does not verify with the public key");
        }
    }

    /** The public half of an RSA or EC signing key. */
    static PublicKey publicKeyOf(JWK key) throws JOSEException {
        return key instanceof RSAKey rsa ? rsa.toPublicKey() : key.toECKey().toPublicKey();
    }
}
