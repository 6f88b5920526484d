package org.tollgate.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of every in-container test: the very WAR the build just produced, unchanged, deployed
 * under its own name ({@code tollgate.war}, so at context {@code /tollgate}).
 */
public final class TollgateDeployment {

    /** The context path the WAR deploys at. */
    public static final String CONTEXT = "/tollgate";

    private TollgateDeployment() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("tollgate.it.war", "target/tollgate.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war.getAbsolutePath() + " does not exist; run the tests with 'mvn verify'");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
