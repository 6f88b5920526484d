package org.tollgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * src/run/UntilParentEnds.java, the wrapper that the run-tomee and run-payara profiles start their server
 * through, run as those profiles run it (a source file, real processes): it stops its command when the
 * process that started it ends, as Maven does on a SIGTERM of its own.
 */
class UntilParentEndsTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String LAUNCHER = Path.of("src", "run", "UntilParentEnds.java").toAbsolutePath().toString();
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void whenItsParentEndsThenTheCommandIsStopped() throws Exception {
        // a shell stands for Maven: it starts the wrapper, then becomes a long sleep that the test ends
        Process parent = new ProcessBuilder("sh", "-c",
                "'" + JAVA + "' '" + LAUNCHER + "' sleep 300 & exec sleep 300").start();
        List<ProcessHandle> started = new ArrayList<>(List.of(parent.toHandle()));
        try {
            ProcessHandle launcher = awaitOnly(parent.toHandle());
            started.add(launcher);
            ProcessHandle command = awaitOnly(launcher);
            started.add(command);
            assertTrue(awaitProgram(command, "sleep"), command.info().toString());

            parent.destroy();

            assertTrue(command.onExit().completeOnTimeout(null, BOUND.toSeconds(), TimeUnit.SECONDS).get() != null,
                    "the command still runs after its wrapper's parent ended");
            assertTrue(launcher.onExit().completeOnTimeout(null, BOUND.toSeconds(), TimeUnit.SECONDS).get() != null,
                    "the wrapper still runs after its parent ended");
        } finally {
            // by handle: once the parent has ended, the others are no longer its descendants
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void whenTheCommandEndsThenTheWrapperEndsWithItsExitCode() throws Exception {
        Process launcher = new ProcessBuilder(JAVA, LAUNCHER, "sh", "-c", "echo served; exit 7")
                .redirectErrorStream(true).start();
        assertTrue(launcher.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the wrapper did not end");
        assertEquals(7, launcher.exitValue());
        assertEquals("served", new String(launcher.getInputStream().readAllBytes()).strip(),
                "the command's output passes through");
    }

    @Test
    void whenNoCommandIsGivenThenItSaysHowToUseIt() throws Exception {
        Process launcher = new ProcessBuilder(JAVA, LAUNCHER).redirectErrorStream(true).start();
        assertTrue(launcher.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the wrapper did not end");
        assertEquals(2, launcher.exitValue());
        assertTrue(new String(launcher.getInputStream().readAllBytes()).startsWith("usage:"));
    }

    /**
     * Whether the process runs the program within the bound: the JDK starts a child through its jspawnhelper,
     * which the child is, under the same pid, until it has exec'd the program.
     */
    private static boolean awaitProgram(ProcessHandle process, String program) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (process.info().command().orElse("").endsWith(program)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The one child of the process, once it has started (the wrapper compiles itself first). */
    private static ProcessHandle awaitOnly(ProcessHandle process) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = process.children().toList();
            assertFalse(children.size() > 1, () -> "more than one child: " + children);
            Optional<ProcessHandle> child = children.stream().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            assertTrue(process.isAlive(), () -> process.pid() + " ended before it started its child");
            Thread.sleep(100);
        }
        throw new AssertionError(process.pid() + " started no child in " + BOUND.toSeconds() + " s");
    }
}
