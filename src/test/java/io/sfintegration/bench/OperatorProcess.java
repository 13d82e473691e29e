package io.sfintegration.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator (target/quarkus-app/quarkus-run.jar) as a process of its own against a given Kubernetes API,
 * so that its memory can be measured apart from the emulator and the mock API server of the benchmark's JVM. The JVM
 * gets the options the container image's run-java script derives from the chart's defaults (memory limit 512 MiB,
 * {@code jvm.maxHeapPercent} 50, {@code jvm.gcOptions} -XX:+UseSerialGC, the script's heap free ratios), so the
 * figures are those a pod would show.
 */
final class OperatorProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("app.jar", "target/quarkus-app/quarkus-run.jar"));
    static final String CONTAINER_LIMIT = "512m";

    private final Process process;
    private final int httpPort;
    private final Path log;

    private OperatorProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    static boolean available() {
        return Files.isRegularFile(JAR);
    }

    static OperatorProcess start(String kubernetesUrl, String namespace) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target", "bench")).resolve("operator-process.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=" + CONTAINER_LIMIT, "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:+ExitOnOutOfMemoryError",
                "-Dkubernetes.master=" + kubernetesUrl, "-Dkubernetes.namespace=" + namespace,
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-Dquarkus.log.level=WARN",
                "-jar", JAR.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OperatorProcess operator = new OperatorProcess(p, port, log);
        operator.awaitReady(Duration.ofSeconds(60));
        return operator;
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the operator process exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IOException("the operator process was not ready within " + timeout + "; see " + log);
    }

    /** VmRSS, or with {@code peak} VmHWM (the highest resident set so far), in bytes; -1 where /proc is missing. */
    long residentBytes(boolean peak) {
        return ProcessMemory.residentBytes(Path.of("/proc", String.valueOf(process.pid()), "status"), peak ? "VmHWM:" : "VmRSS:");
    }

    /** Heap in use after a full GC (run through jcmd), as the operator's own metrics report it. */
    long heapUsedAfterGcBytes() throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor(30, TimeUnit.SECONDS);
        long used = 0;
        for (String line : get("/q/metrics").body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    /** The largest heap classes (jcmd GC.class_histogram), for finding what the memory is spent on. */
    String heapHistogram(int lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.lines().limit(lines).collect(java.util.stream.Collectors.joining("\n"));
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
