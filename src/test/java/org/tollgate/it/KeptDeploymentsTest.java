package org.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

class KeptDeploymentsTest {

    /** What the server was asked to do, in order. */
    private final List<String> server = new ArrayList<>();
    private final KeptDeployments<String> kept = new KeptDeployments<>();
    private int deployments;

    @Test
    void aManagedArchiveIsDeployedOnceForEveryClassThatDeploysItUnchanged() throws Exception {
        assertEquals("tollgate.war #1", deploy(war("tollgate.war"), true));
        undeploy(war("tollgate.war"), true);
        assertEquals("tollgate.war #1", deploy(war("tollgate.war"), true));

        assertEquals(List.of("deploy tollgate.war"), server);
    }

    @Test
    void aChangedArchiveOfTheSameNameReplacesTheKeptOne() throws Exception {
        deploy(war("tollgate.war"), true);
        deploy(war("tollgate.war").addAsWebInfResource(EmptyAsset.INSTANCE, "extra.xml"), true);

        assertEquals(List.of("deploy tollgate.war", "undeploy tollgate.war", "deploy tollgate.war"), server);
    }

    @Test
    void aDeploymentTheTestDrivesIsRealEachTimeAfterTheKeptOneGoes() throws Exception {
        deploy(war("tollgate.war"), true);
        deploy(war("tollgate.war"), false);
        undeploy(war("tollgate.war"), false);
        deploy(war("tollgate.war"), false);

        assertEquals(List.of("deploy tollgate.war", "undeploy tollgate.war", "deploy tollgate.war",
                "undeploy tollgate.war", "deploy tollgate.war"), server);
    }

    @Test
    void archivesOfOtherNamesAreKeptBesideAndAllUndeployedAtTheEnd() throws Exception {
        deploy(war("tollgate.war"), true);
        deploy(war("legacy.war"), true);
        kept.undeployAll(name -> server.add("undeploy " + name));
        deploy(war("tollgate.war"), true);

        assertEquals(List.of("deploy tollgate.war", "deploy legacy.war", "undeploy tollgate.war",
                "undeploy legacy.war", "deploy tollgate.war"), server);
    }

    private String deploy(WebArchive archive, boolean managed) throws Exception {
        return kept.deploy(archive, managed, a -> {
            server.add("deploy " + a.getName());
            return a.getName() + " #" + ++deployments;
        }, name -> server.add("undeploy " + name));
    }

    private void undeploy(WebArchive archive, boolean managed) throws Exception {
        kept.undeploy(archive, managed, name -> server.add("undeploy " + name));
    }

    private static WebArchive war(String name) {
        return ShrinkWrap.create(WebArchive.class, name).addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
