package org.tollgate.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The TCP sockets listening in this network namespace, from the kernel's own table (/proc/net/tcp*). */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Every listening address that is not a loopback one, as "address:port". */
    static List<String> notOnLoopback() {
        List<String> found = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String row : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] fields = row.trim().split("\\s+");
                    if (fields.length > 3 && LISTEN.equals(fields[3])) {
                        String[] local = fields[1].split(":");
                        InetAddress address = address(local[0]);
                        if (!address.isLoopbackAddress()) {
                            found.add(address.getHostAddress() + ":" + Integer.parseInt(local[1], 16));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = raw[word + i];
                raw[word + i] = raw[word + 3 - i];
                raw[word + 3 - i] = swap;
            }
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(hex, e);
        }
    }
}
