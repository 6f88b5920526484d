package org.tollgate.users.control;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.tollgate.config.Settings;

/**
 * Argon2id hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so the
 * cost travels with each hash and can be raised later. Used for passwords and client secrets.
 */
public final class PasswordHasher {

    private static final String PREFIX = "$argon2id$v=19$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    /**
     * Whether each KDF slot keeps its Argon2 memory ({@link Argon2Memory}); off when the server hands the
     * application a BouncyCastle without BlockPool, older than the WAR's (TomEE 10 gives its own 1.78).
     */
    static final boolean REUSE_MEMORY = hasBlockPool();

    /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final PasswordHasher DEFAULT = new PasswordHasher(19 * 1024, 2, 1);

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    /** Verified instead of a real hash when there is none, so "no such account" costs the same time. */
    private final String decoy;
    private final LongAdder checks = new LongAdder();

    /** The cost the settings ask for; stored hashes of a lower cost are replaced at the next login. */
    public static PasswordHasher fromSettings(Settings settings) {
        return new PasswordHasher((int) settings.getPositive(Settings.ARGON2_MEMORY),
                (int) settings.getPositive(Settings.ARGON2_ITERATIONS),
                (int) settings.getPositive(Settings.ARGON2_PARALLELISM));
    }

    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.decoy = hash("decoy");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when the password matches; a null or malformed hash never matches but costs the same. */
    public boolean verify(String password, String phc) {
        checks.increment();
        return matches(password, phc);
    }

    private boolean matches(String password, String phc) {
        Parsed parsed = phc == null ? null : Parsed.of(phc);
        if (parsed == null) {
            matches(password, decoy);
            return false;
        }
        byte[] actual = argon2(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** True when a hash that just verified was made with other parameters than this hasher's. */
    public boolean needsRehash(String phc) {
        Parsed parsed = Parsed.of(phc);
        return parsed == null || parsed.memoryKib != memoryKib || parsed.iterations != iterations
                || parsed.parallelism != parallelism || parsed.hash.length != HASH_BYTES;
    }

    /** Spends the time of one verification, for requests that name no account. */
    public void verifyDecoy(String password) {
        verify(password == null ? "" : password, decoy);
    }

    /**
     * Verifications run so far, decoys included: a password or client secret refused for any reason (wrong,
     * unknown or disabled account, a locked user) adds one, which makes the reasons indistinguishable by time.
     */
    public long checks() {
        return checks.sum();
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        byte[] out = new byte[length];
        return KdfSlots.withSlot(slot -> {
            if (REUSE_MEMORY) {
                Argon2Memory.generate(slot, parameters, password.toCharArray(), out);
            } else {
                Argon2BytesGenerator generator = new Argon2BytesGenerator();
                generator.init(parameters.build());
                generator.generateBytes(password.toCharArray(), out);
            }
            return out;
        });
    }

    /** Asked by name: naming Argon2Memory here would load it, and that fails without BlockPool. */
    private static boolean hasBlockPool() {
        try {
            Class<?> pool = Class.forName(Argon2BytesGenerator.class.getName() + "$BlockPool", false,
                    Argon2BytesGenerator.class.getClassLoader());
            Argon2Parameters.Builder.class.getMethod("withBlockPool", pool);
            return true;
        } catch (ReflectiveOperationException | LinkageError olderBouncyCastle) {
            return false;
        }
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static Parsed of(String phc) {
            if (!phc.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = phc.substring(PREFIX.length()).split("\\$");
            if (parts.length != 3) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String param : parts[0].split(",")) {
                    String[] kv = param.split("=", 2);
                    int value = Integer.parseInt(kv[1]);
                    switch (kv[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                byte[] salt = B64_DECODER.decode(parts[1]);
                byte[] hash = B64_DECODER.decode(parts[2]);
                boolean sane = m >= 8 && t >= 1 && p >= 1 && salt.length >= 8 && hash.length >= 16;
                return sane ? new Parsed(m, t, p, salt, hash) : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
