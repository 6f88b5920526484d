package org.tollgate.keys.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts signing keys' private parts at rest: a JWE (dir, A256GCM) under the key-encryption key, whose
 * id (a digest prefix, never the key) travels in the header so a wrong key is named, not guessed at.
 */
public final class KeyEncryption {

    private final SecretKey kek;
    private final String kekId;

    public KeyEncryption(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != 32) {
            throw new IllegalStateException("The key-encryption key must be 256 bits, not "
                    + keyEncryptionKey.length * 8);
        }
        this.kek = new SecretKeySpec(keyEncryptionKey, "AES");
        this.kekId = idOf(keyEncryptionKey);
    }

    public String encrypt(String plaintext) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(kekId).build(), new Payload(plaintext));
        try {
            jwe.encrypt(new DirectEncrypter(kek));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot encrypt a signing key", e);
        }
        return jwe.serialize();
    }

    /** Keys stored before encryption existed are plain JSON; they are returned as they are. */
    public String decrypt(String stored) {
        if (isPlaintext(stored)) {
            return stored;
        }
        try {
            JWEObject jwe = JWEObject.parse(stored);
            if (!kekId.equals(jwe.getHeader().getKeyID())) {
                throw new IllegalStateException("A stored signing key was encrypted with key-encryption key "
                        + jwe.getHeader().getKeyID() + ", but this node has " + kekId
                        + ": give every node the same 'keys.encryption-key' setting");
            }
            jwe.decrypt(new DirectDecrypter(kek));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("A stored signing key cannot be decrypted", e);
        }
    }

    public static boolean isPlaintext(String stored) {
        return stored.startsWith("{");
    }

    public String keyId() {
        return kekId;
    }

    private static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "kek-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
