package org.tollgate.it;

import java.util.Arrays;
import java.util.Comparator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that deploy and undeploy by themselves through Arquillian's Deployer
 * ({@code @Deployment(managed = false)}) after all others, each group in the order it came: until then the
 * adapters that keep deployments (Tomcat's, TomEE's, Payara's) keep one deployment for every class, and after
 * them no class needs it again, so an execution deploys the suite's archive once. Only the order changes,
 * never what a test does.
 */
public final class DeployerDrivenClassesLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        // List.sort is stable
        context.getClassDescriptors().sort(Comparator.comparing(DeployerDrivenClassesLast::drivesItsDeployment));
    }

    private static boolean drivesItsDeployment(ClassDescriptor test) {
        return Arrays.stream(test.getTestClass().getDeclaredMethods())
                .map(method -> method.getAnnotation(Deployment.class))
                .anyMatch(deployment -> deployment != null && !deployment.managed());
    }
}
