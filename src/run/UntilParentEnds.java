import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command (its arguments) and stops it when the process that started this one ends. The run-tomee
 * and run-payara profiles start their server with exec-maven-plugin, which does not stop the process it
 * waits for when Maven alone is told to stop: a SIGTERM to Maven (an IDE's stop button, a process manager)
 * left the server running and holding its port. The server gets a SIGTERM here, from which it shuts down
 * as usual; it is its own process, so it keeps what its jar's manifest asks of {@code java -jar}. Started
 * as a source file ({@code java src/run/UntilParentEnds.java command...}): it needs no build. Exits with
 * the command's exit code.
 */
public final class UntilParentEnds {

    /** How long a server may take to stop before it is killed: longer than TomEE's or Payara's shutdown. */
    private static final long STOP_SECONDS = 60;

    private UntilParentEnds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java UntilParentEnds.java command [arguments]");
            System.exit(2);
        }
        // taken before the server starts: a parent that ends meanwhile would leave init as the parent asked
        // for later, and that never ends (the test saw it when the parent was stopped right after the start)
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        Process server = new ProcessBuilder(Arrays.asList(args)).inheritIO().start();
        // Ctrl-C reaches every process of the terminal's group, this JVM too: wait for the server's own stop
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server)));
        parent.ifPresent(started -> started.onExit().thenRun(() -> System.exit(143)));
        System.exit(server.waitFor());
    }

    private static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
