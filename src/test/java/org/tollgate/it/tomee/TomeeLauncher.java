package org.tollgate.it.tomee;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * The main class of the test TomEE process, not of the tests: it starts TomEE 10 (tomee-embedded's
 * {@code Container}) from the same settings file its {@code Main} reads, with no application, then
 * deploys and undeploys through that Container's own API on the test adapter's commands, one a line on
 * stdin: {@code deploy NAME WAR} (served at /NAME), {@code undeploy NAME}, {@code stop}. So the server
 * outlives an undeploy, as a real one does. Each command is answered on stdout, which is the server log:
 * {@value #DONE}command or {@value #FAILED}command: reason. The end of stdin (the test JVM has gone)
 * stops TomEE too, as does SIGTERM.
 * <p>
 * Only this class joins tomee-embedded's jars on the process's classpath, and TomEE is not on the tests'
 * classpath: hence TomEE's API by reflection, and no nested class here (it would be a second file).
 */
public final class TomeeLauncher {

    static final String READY = "TomeeLauncher: ready";
    static final String DONE = "TomeeLauncher: done: ";
    static final String FAILED = "TomeeLauncher: failed: ";

    private final Object container;
    private boolean stopped;

    private TomeeLauncher(Object container) {
        this.container = container;
    }

    /** @param args the tomee-embedded settings file (Main's --configuration-location) */
    public static void main(String[] args) throws Exception {
        Class<?> configurationType = Class.forName("org.apache.tomee.embedded.Configuration");
        Object configuration = configurationType.getConstructor().newInstance();
        configurationType.getMethod("loadFrom", String.class).invoke(configuration, args[0]);
        // this constructor starts TomEE, as in Main
        Object container = Class.forName("org.apache.tomee.embedded.Container").getConstructor(configurationType)
                .newInstance(configuration);
        TomeeLauncher launcher = new TomeeLauncher(container);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "tomee-launcher-stop"));
        System.out.println(READY);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null && !line.equals("stop")) {
            launcher.execute(line.strip());
        }
        launcher.stop();
        System.out.println(DONE + "stop");
        System.exit(0);
    }

    private void execute(String command) {
        String[] words = command.split(" ", 3);
        try {
            if (words.length == 3 && words[0].equals("deploy")) {
                container.getClass().getMethod("deploy", String.class, File.class, boolean.class)
                        .invoke(container, words[1], new File(words[2]), true);
            } else if (words.length == 2 && words[0].equals("undeploy")) {
                container.getClass().getMethod("undeploy", String.class).invoke(container, words[1]);
            } else {
                throw new IllegalArgumentException("unknown command");
            }
            System.out.println(DONE + command);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.out.println(FAILED + command + ": " + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            e.printStackTrace();
            System.out.println(FAILED + command + ": " + e);
        }
    }

    /** Once, from the stop command, the end of stdin or the shutdown hook: TomEE undeploys what it serves. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            container.getClass().getMethod("stop").invoke(container);
        } catch (ReflectiveOperationException e) {
            e.printStackTrace();
        }
    }
}
