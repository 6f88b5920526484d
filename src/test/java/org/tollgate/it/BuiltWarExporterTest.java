package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltWarExporterTest {

    @TempDir
    Path dir;

    @Test
    void whenTheArchiveIsUnchangedThenTheExportIsTheBuiltFile() throws IOException {
        Path built = war("WEB-INF/web.xml", "<web-app/>", "index.txt", "hello");
        WebArchive archive = TollgateDeployment.fromBuiltFile(built.toFile());

        Path exported = dir.resolve("exported.war");
        archive.as(ZipExporter.class).exportTo(exported.toFile(), true);

        assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(exported));
    }

    @Test
    void whenATestChangesTheArchiveThenTheExportHasTheChange() throws IOException {
        Path built = war("WEB-INF/web.xml", "<web-app/>", "index.txt", "hello");
        WebArchive archive = TollgateDeployment.fromBuiltFile(built.toFile())
                .addAsManifestResource(new StringAsset("<Context/>"), "context.xml")
                .add(new StringAsset("changed"), "index.txt");

        Path exported = dir.resolve("exported.war");
        archive.as(ZipExporter.class).exportTo(exported.toFile(), true);

        assertEquals(Map.of("WEB-INF/web.xml", "<web-app/>", "index.txt", "changed",
                "META-INF/context.xml", "<Context/>"), files(exported));
    }

    private Path war(String... namesAndContents) throws IOException {
        Path war = dir.resolve("built.war");
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return war;
    }

    /** The files of a zip (not its directories) with their text. */
    private static Map<String, String> files(Path zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), new String(file.getInputStream(entry).readAllBytes(),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
