package org.tollgate.clients.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, in this JVM only, which (client, secret, stored hash) triples already passed an Argon2
 * check, so a client_credentials client pays the KDF once rather than on every call. Entries are HMACs
 * under a random key made at start and never stored; the stored hash is part of the entry, so a rotated
 * or replaced secret misses at once on every node. Bounded in size; the eldest entry goes first.
 */
final class VerifiedSecrets {

    private static final int MAX_ENTRIES = 10_000;

    private final SecretKeySpec key;
    /**
     * Keyed Macs between uses, at most one per concurrent caller: a provider lookup and key set-up per
     * request cost more than the HMAC itself. A pool, not a ThreadLocal, so no server thread keeps one
     * (and this class loader) after an undeploy.
     */
    private final Queue<Mac> idleMacs = new ConcurrentLinkedQueue<>();
    private final Map<String, Boolean> verified = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    VerifiedSecrets() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
    }

    /** The HMAC is computed outside the lock: every client_credentials request passes through here. */
    boolean contains(String clientId, String secret, String storedHash) {
        String entry = entry(clientId, secret, storedHash);
        synchronized (verified) {
            return verified.containsKey(entry);
        }
    }

    void add(String clientId, String secret, String storedHash) {
        String entry = entry(clientId, secret, storedHash);
        synchronized (verified) {
            verified.put(entry, Boolean.TRUE);
        }
    }

    private String entry(String clientId, String secret, String storedHash) {
        Mac mac = idleMacs.poll();
        if (mac == null) {
            mac = newMac();
        }
        for (String part : new String[] {clientId, secret, storedHash}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update((byte) (bytes.length >>> 8));
            mac.update((byte) bytes.length);
            mac.update(bytes);
        }
        String entry = HexFormat.of().formatHex(mac.doFinal()); // doFinal resets it for the next entry
        idleMacs.offer(mac);
        return entry;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
