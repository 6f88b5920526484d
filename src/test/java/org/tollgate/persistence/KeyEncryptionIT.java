package org.tollgate.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.Tollgate;
import org.tollgate.config.Settings;
import org.tollgate.keys.control.KeyEncryption;

/** Signing keys' private parts are never stored in the clear. */
class KeyEncryptionIT {

    @TempDir
    Path dataDir;

    private List<String> storedKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection db = InProcessDatabase.connect(dataDir);
             ResultSet rows = db.createStatement().executeQuery("select jwk from signing_keys")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private void storeInTheClear(String json) throws Exception {
        try (Connection db = InProcessDatabase.connect(dataDir);
             var update = db.prepareStatement("update signing_keys set jwk = ?")) {
            update.setString(1, json);
            update.executeUpdate();
        }
    }

    @Test
    void whenTheFirstStartCreatesAKeyThenItIsStoredEncryptedUnderAnOwnerOnlyKeyFile() throws Exception {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            tollgate.keyRing().activeKid();
        }
        List<String> stored = storedKeys();
        assertEquals(1, stored.size());
        assertFalse(KeyEncryption.isPlaintext(stored.get(0)));
        assertFalse(stored.get(0).contains("\"d\""));
        Path kek = dataDir.resolve("signing-keys.kek");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kek)));
    }

    @Test
    void whenAKeyWasStoredInTheClearThenTheNextStartEncryptsItAndKeepsItsKid() throws Exception {
        String kid;
        String json;
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            kid = tollgate.keyRing().activeKid();
        }
        byte[] kek = Base64.getDecoder().decode(Files.readString(dataDir.resolve("signing-keys.kek")).trim());
        json = new KeyEncryption(kek).decrypt(storedKeys().get(0));
        storeInTheClear(json);
        assertTrue(KeyEncryption.isPlaintext(storedKeys().get(0)));

        try (Tollgate tollgate = InProcessTollgate.start(dataDir, Settings.IMPORT, "")) {
            assertEquals(kid, tollgate.keyRing().activeKid());
        }
        assertFalse(KeyEncryption.isPlaintext(storedKeys().get(0)));
    }

    @Test
    void whenANodeHasAnotherKeyEncryptionKeyThenItRefusesToStartAndSaysWhy() {
        try (Tollgate tollgate = InProcessTollgate.start(dataDir)) {
            tollgate.keyRing().activeKid();
        }
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InProcessTollgate.start(dataDir, Settings.KEYS_ENCRYPTION_KEY, other));
        assertTrue(e.getMessage().contains("keys.encryption-key"), e.getMessage());
    }
}
