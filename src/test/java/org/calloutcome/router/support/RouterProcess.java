package org.calloutcome.router.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.calloutcome.router.CallOutcomeRouter;

import static org.awaitility.Awaitility.await;

/**
 * The router in a process of its own, as it runs in production: started with settings as system properties, stopped
 * gracefully or killed with SIGKILL. Its output goes to {@code target/<name>.log}.
 */
public final class RouterProcess {
    private final String name;
    private final Map<String, String> settings;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private final int port;
    private Process process;

    private final String jar;

    public RouterProcess(String name, Map<String, String> settings) {
        this(name, settings, null);
    }

    private RouterProcess(String name, Map<String, String> settings, String jar) {
        this.name = name;
        this.settings = settings;
        this.jar = jar;
        this.port = freePort();
    }

    /**
     * The router as {@code mvn package} builds it, {@code java -jar target/call-outcome-router.jar}, with the routes and
     * templates packaged in it (for tests run after the package phase).
     */
    public static RouterProcess packaged(String name, Map<String, String> settings) {
        return new RouterProcess(name, settings, "target/call-outcome-router.jar");
    }

    /** Environment variables for the process, as an operator sets them (the router's own names). */
    public RouterProcess withEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The router's output so far ({@code target/<name>.log}). */
    public String output() throws IOException {
        return java.nio.file.Files.readString(log().toPath());
    }

    /** Starts the router and waits until it has exited by itself (it refused to start, say); returns its exit code. */
    public int runToExit(Duration atMost) throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " still ran after " + atMost + ": see " + log());
        }
        return process.exitValue();
    }

    private File log() {
        return new File("target/" + name + ".log");
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.JAVA, "-Xmx256m", "-Dcamel.server.port=" + port));
        if (jar == null) {
            command.add("-D" + TestRoutes.ROUTES);
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(jar == null ? List.of("-cp", classpath(), CallOutcomeRouter.class.getName())
                : List.of("-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log())).start();
    }

    /** Starts the router and waits until it answers HTTP. */
    public RouterProcess start() throws IOException {
        launch();
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start: see target/" + name + ".log");
            }
            return client.send(HttpRequest.newBuilder(URI.create(url() + "/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
        });
        return this;
    }

    /** As a crash or an out-of-memory kill: no shutdown of any kind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** This JVM's classpath, without empty entries: they would put the working directory (and routes/) on it. */
    private static String classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Path {
        static final String JAVA = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
