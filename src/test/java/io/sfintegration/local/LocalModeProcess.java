package io.sfintegration.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application run as a user runs it ({@code java -jar ... local}), on free ports and its own directory,
 * plus the commands a user types next to it: kubectl against its kubeconfig, the jar's other commands, curl.
 */
final class LocalModeProcess implements AutoCloseable {

    final Path jar;
    final Path dir;
    final int salesforcePort;
    final int httpPort;
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private LocalModeProcess(Path jar, Path dir, int salesforcePort, int httpPort, Process process) {
        this.jar = jar;
        this.dir = dir;
        this.salesforcePort = salesforcePort;
        this.httpPort = httpPort;
        this.process = process;
    }

    static Path jar() {
        return Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
    }

    /** Starts local mode with extra environment (for example SFIO_LOCAL_SEED) and waits for its ready line. */
    static LocalModeProcess start(Map<String, String> environment) throws Exception {
        Path dir = Files.createTempDirectory("local-mode");
        int salesforcePort = freePort();
        int httpPort = freePort();
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar().toString(), "local").redirectErrorStream(true);
        pb.environment().put("SFIO_LOCAL_KUBE_PORT", String.valueOf(freePort()));
        pb.environment().put("SFIO_LOCAL_SALESFORCE_PORT", String.valueOf(salesforcePort));
        pb.environment().put("SFIO_LOCAL_HTTP_PORT", String.valueOf(httpPort));
        pb.environment().put("SFIO_LOCAL_DIR", dir.toString());
        pb.environment().putAll(environment);
        LocalModeProcess local = new LocalModeProcess(jar(), dir, salesforcePort, httpPort, pb.start());
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(local.process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (local.output) {
                        local.output.add(line);
                    }
                    if (line.contains(LocalApplication.READY_LINE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(90, TimeUnit.SECONDS)) {
            local.close();
            throw new AssertionError("local mode printed no ready line; output:\n" + local.output());
        }
        return local;
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /** {@code java -jar quarkus-run.jar <args>} with KUBECONFIG pointing at local mode, as the README's commands run. */
    String jarCommand(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("KUBECONFIG", kubeconfig().toString()));
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM, as Ctrl-C would; local mode must stop cleanly. */
    @Override
    public void close() throws Exception {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("local mode stops cleanly").isTrue();
    }
}
