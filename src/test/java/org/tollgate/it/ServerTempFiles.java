package org.tollgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files MIMEPull (Jersey's multipart parser) spills large parts to, named MIME*.tmp, in the temp
 * directories of the servers under test: Tomcat's is its base's temp/ (the Tomcat executions give the test
 * JVM the same one), TomEE and Payara use the JVM's default, which is this machine's too.
 */
final class ServerTempFiles {

    private ServerTempFiles() {
    }

    static Set<Path> multipartSpills() {
        return Stream.of(Path.of(System.getProperty("tollgate.it.catalina.base"), "temp"),
                        Path.of(System.getProperty("java.io.tmpdir")))
                .filter(Files::isDirectory)
                .flatMap(ServerTempFiles::spillsIn)
                .collect(Collectors.toSet());
    }

    private static Stream<Path> spillsIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("MIME\\d+\\.tmp")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
