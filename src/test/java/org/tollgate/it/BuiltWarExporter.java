package org.tollgate.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Assignable;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.exporter.ArchiveExportException;
import org.jboss.shrinkwrap.api.exporter.FileExistsException;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.impl.base.exporter.zip.ZipExporterImpl;

/**
 * The ZipExporter of {@link TollgateDeployment}'s archives: every server adapter exports the archive to a file
 * before it deploys it, and ShrinkWrap's exporter compresses the 40 MB WAR anew each time (2.5 s per test
 * class). While the archive still holds exactly the entries it was imported with, the built file is those
 * bytes, so it is copied; an archive a test changed is exported by ShrinkWrap's own exporter.
 */
public final class BuiltWarExporter implements ZipExporter {

    /** Each imported archive's entries as imported, by the file they came from. */
    private static final Map<Path, Map<ArchivePath, Asset>> IMPORTED = new ConcurrentHashMap<>();

    private final Archive<?> archive;

    public BuiltWarExporter(Archive<?> archive) {
        this.archive = archive;
    }

    static void imported(Path war, Archive<?> archive) {
        IMPORTED.put(war, assets(archive));
    }

    @Override
    public <T extends Assignable> T as(Class<T> type) {
        return archive.as(type);
    }

    @Override
    public InputStream exportAsInputStream() {
        Path built = builtFile();
        if (built == null) {
            return new ZipExporterImpl(archive).exportAsInputStream();
        }
        try {
            return Files.newInputStream(built);
        } catch (IOException e) {
            throw new ArchiveExportException("Cannot read " + built, e);
        }
    }

    @Override
    public void exportTo(OutputStream target) {
        try (InputStream in = exportAsInputStream()) {
            in.transferTo(target);
        } catch (IOException e) {
            throw new ArchiveExportException("Cannot export " + archive.getName(), e);
        }
    }

    @Override
    public void exportTo(File target) {
        exportTo(target, false);
    }

    @Override
    public void exportTo(File target, boolean overwrite) {
        Path built = builtFile();
        if (built == null) {
            new ZipExporterImpl(archive).exportTo(target, overwrite);
            return;
        }
        try {
            if (overwrite) {
                Files.copy(built, target.toPath(), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(built, target.toPath());
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileExistsException(target + " exists and may not be overwritten");
        } catch (IOException e) {
            throw new ArchiveExportException("Cannot copy " + built + " to " + target, e);
        }
    }

    /** The file this archive was imported from, if no entry was added, removed or replaced since. */
    private Path builtFile() {
        Map<ArchivePath, Asset> now = assets(archive);
        return IMPORTED.entrySet().stream().filter(imported -> sameAssets(imported.getValue(), now))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Same paths, each with the very same asset object: ShrinkWrap replaces the asset of an entry it changes. */
    private static boolean sameAssets(Map<ArchivePath, Asset> imported, Map<ArchivePath, Asset> now) {
        return imported.size() == now.size() && imported.entrySet().stream()
                .allMatch(entry -> now.containsKey(entry.getKey()) && now.get(entry.getKey()) == entry.getValue());
    }

    private static Map<ArchivePath, Asset> assets(Archive<?> archive) {
        Map<ArchivePath, Asset> assets = new HashMap<>();
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            assets.put(entry.getKey(), entry.getValue().getAsset());
        }
        return assets;
    }
}
