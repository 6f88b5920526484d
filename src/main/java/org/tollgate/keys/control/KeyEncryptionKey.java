package org.tollgate.keys.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the key-encryption key comes from: the {@code keys.encryption-key} setting (base64 of 32 bytes;
 * required when several nodes share a database), else a file in {@code data.dir} that the first start
 * creates, readable by its owner only.
 */
public final class KeyEncryptionKey {

    static final String FILE_NAME = "signing-keys.kek";
    private static final Logger LOG = Logger.getLogger(KeyEncryptionKey.class.getName());

    private KeyEncryptionKey() {
    }

    public static byte[] load(Optional<String> setting, Path dataDir) {
        if (setting.isPresent()) {
            return decode(setting.get(), "setting 'keys.encryption-key'");
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the key-encryption key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException anotherStartWasFaster) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        LOG.info(() -> "Created the key-encryption key file " + file + " (owner read/write only)");
    }

    private static byte[] decode(String value, String source) {
        try {
            byte[] key = value.contains("-") || value.contains("_")
                    ? Base64.getUrlDecoder().decode(value) : Base64.getDecoder().decode(value);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new IllegalStateException("The key-encryption key in " + source + " must be the base64 of 32 bytes");
    }
}
