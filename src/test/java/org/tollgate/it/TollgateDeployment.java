package org.tollgate.it;

import java.io.File;
import org.jboss.shrinkwrap.api.Domain;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of every in-container test: the very WAR the build just produced, unchanged, deployed
 * under its own name ({@code tollgate.war}, so at context {@code /tollgate}).
 */
public final class TollgateDeployment {

    /** The context path the WAR deploys at. */
    public static final String CONTEXT = "/tollgate";
    /** ShrinkWrap as usual, but exporting an unchanged import as the file it came from. */
    private static final Domain DOMAIN = ShrinkWrap.createDomain();

    static {
        DOMAIN.getConfiguration().getExtensionLoader().addOverride(ZipExporter.class, BuiltWarExporter.class);
    }

    private TollgateDeployment() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("tollgate.it.war", "target/tollgate.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war.getAbsolutePath() + " does not exist; run the tests with 'mvn verify'");
        }
        return fromBuiltFile(war);
    }

    static WebArchive fromBuiltFile(File war) {
        // not ArchiveFactory.createFromZipFile, whose archive takes the default domain's exporter
        WebArchive archive = DOMAIN.getArchiveFactory().create(WebArchive.class, war.getName())
                .as(ZipImporter.class).importFrom(war).as(WebArchive.class);
        BuiltWarExporter.imported(war.toPath(), archive);
        return archive;
    }
}
