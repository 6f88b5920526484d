package org.tollgate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void whenEncryptedThenOnlyTheSameKeyDecrypts() {
        String secret = "{\"kty\":\"RSA\",\"d\":\"private-part\"}";
        String stored = new KeyEncryption(key(1)).encrypt(secret);
        assertFalse(stored.contains("private-part"));
        assertFalse(KeyEncryption.isPlaintext(stored));
        assertEquals(secret, new KeyEncryption(key(1)).decrypt(stored));

        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> new KeyEncryption(key(2)).decrypt(stored));
        assertTrue(wrong.getMessage().contains("keys.encryption-key"), wrong.getMessage());
    }

    @Test
    void whenAKeyWasStoredInPlainJsonThenItIsReadAsItIs() {
        assertEquals("{\"kty\":\"EC\"}", new KeyEncryption(key(1)).decrypt("{\"kty\":\"EC\"}"));
    }

    @Test
    void whenTheKeyIsNot256BitsThenItIsRefused() {
        assertThrows(IllegalStateException.class, () -> new KeyEncryption(new byte[16]));
    }
}
