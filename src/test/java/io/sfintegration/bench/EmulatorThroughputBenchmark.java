package io.sfintegration.bench;

import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.emulator.SalesforceEmulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Issue 3's figure: requests per second the emulator serves for simple calls (GET limits, a simple query) and for
 * 200-record collection creates, about 5 s each. The emulator must never be the bottleneck of an operator benchmark.
 * <p>
 * Load comes from {@link KeepAliveHttpClient} (a few keep-alive connections, pre-built request bytes) because
 * java.net.http.HttpClient costs more CPU per request than the emulator does, and client and server share the same
 * 2 cores. One extra row runs the query through java.net.http.HttpClient with 8 threads, to show what that client
 * costs: that row measures client plus server, not the server alone. Other work on a shared machine moves requests/s
 * a lot; the server's CPU time per request (its threads' CPU time over the requests served) does not, and 2 cores
 * divided by it is what the server could serve if the client cost nothing.
 */
@Tag("benchmark")
class EmulatorThroughputBenchmark {

    /** Enough connections to keep the server's threads busy on 2 cores; more only adds context switches. */
    private static final int CONNECTIONS = 4;
    private static final int HTTP_CLIENT_THREADS = 8;
    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final Duration RUN = Duration.ofSeconds(5);
    private static final String SOQL = "SELECT Id, Username FROM User WHERE IsActive = true";

    /** One client thread's call: sends one request, returns the status code. */
    private interface Call {
        int send() throws Exception;
    }

    /** Makes the call of one client thread (each thread gets its own connection). */
    private interface CallFactory {
        Call open(List<AutoCloseable> resources);
    }

    @Test
    void simpleCallsAndCollectionCreates() throws Exception {
        BenchReport report = new BenchReport("emulator-throughput")
                .context("lean client connections", CONNECTIONS)
                .context("java.net.http client threads", HTTP_CLIENT_THREADS)
                .context("duration per workload (s)", RUN.toSeconds())
                .context("cores", Runtime.getRuntime().availableProcessors());
        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.builder().dailyApiMax(Long.MAX_VALUE).build())) {
            String token = emulator.issueAccessToken(EmulatorSeed.ADMIN);
            int port = emulator.port();
            String auth = "Authorization: Bearer " + token;
            String v = "/services/data/v62.0";
            String queryTarget = v + "/query?q=" + URLEncoder.encode(SOQL, StandardCharsets.UTF_8);

            byte[] limits = KeepAliveHttpClient.request("GET", v + "/limits", port, null, auth);
            byte[] query = KeepAliveHttpClient.request("GET", queryTarget, port, null, auth);
            AtomicLong seq = new AtomicLong();
            Supplier<byte[]> create = () -> KeepAliveHttpClient.request("POST", v + "/composite/sobjects", port,
                    twoHundredAccounts(seq.incrementAndGet()), auth, "Content-Type: application/json");

            report.row(measure("GET limits (lean client)", CONNECTIONS, lean(port, () -> limits), 1));
            report.row(measure("query, 2 users (lean client)", CONNECTIONS, lean(port, () -> query), 1));
            report.row(measure("collection create, 200 Accounts (lean client)", CONNECTIONS, lean(port, create), 200));

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI queryUri = URI.create(emulator.baseUrl() + queryTarget);
            report.row(measure("query, 2 users (java.net.http, client-bound)", HTTP_CLIENT_THREADS, resources -> () -> client.send(
                    HttpRequest.newBuilder(queryUri).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), 1));
        }
        report.publish();
    }

    private static CallFactory lean(int port, Supplier<byte[]> request) {
        return resources -> {
            KeepAliveHttpClient connection = new KeepAliveHttpClient(port);
            resources.add(connection);
            return () -> {
                try {
                    return connection.send(request.get());
                } catch (Exception e) {
                    connection.close(); // the next call reconnects
                    throw e;
                }
            };
        };
    }

    private static Map<String, Object> measure(String name, int threads, CallFactory calls, int recordsPerCall) throws Exception {
        run(threads, calls, WARMUP);
        long cpuBefore = serverCpuNanos();
        long start = System.nanoTime();
        long[] outcome = run(threads, calls, RUN);
        double seconds = (System.nanoTime() - start) / 1e9;
        long serverCpu = serverCpuNanos() - cpuBefore;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", name);
        row.put("client threads", threads);
        row.put("requests", outcome[0]);
        row.put("errors", outcome[1]);
        row.put("requests/s", Math.round(outcome[0] / seconds));
        row.put("records/s", Math.round(outcome[0] * recordsPerCall / seconds));
        row.put("mean latency (ms)", outcome[0] == 0 ? 0.0 : outcome[2] / 1e6 / outcome[0]);
        double cpuPerRequest = outcome[0] == 0 ? 0.0 : serverCpu / 1e3 / outcome[0];
        row.put("server CPU per request (us)", cpuPerRequest);
        row.put("server-only capacity on 2 cores (req/s)", cpuPerRequest == 0 ? 0 : Math.round(2e6 / cpuPerRequest));
        return row;
    }

    /**
     * CPU time (user and system) of the emulator's threads: its handler threads and the JDK server's dispatcher.
     * Unlike requests/s it does not depend on what else runs on the machine, and the client's CPU is not in it.
     */
    private static long serverCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("salesforce-emulator-") || t.getName().startsWith("HTTP-Dispatcher")) {
                total += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    /** Runs the client threads for the duration; returns {successful requests, errors, total nanos of the successful ones}. */
    private static long[] run(int threads, CallFactory calls, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<AutoCloseable> resources = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            AtomicLong ok = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong nanos = new AtomicLong();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    Call call = calls.open(resources);
                    long okHere = 0;
                    long errorsHere = 0;
                    long nanosHere = 0;
                    while (System.nanoTime() < deadline) {
                        long s = System.nanoTime();
                        try {
                            if (call.send() == 200) {
                                okHere++;
                                nanosHere += System.nanoTime() - s;
                            } else {
                                errorsHere++;
                            }
                        } catch (Exception e) {
                            errorsHere++;
                        }
                    }
                    ok.addAndGet(okHere);
                    errors.addAndGet(errorsHere);
                    nanos.addAndGet(nanosHere);
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            return new long[]{ok.get(), errors.get(), nanos.get()};
        } finally {
            pool.shutdownNow();
            for (AutoCloseable r : resources) {
                r.close();
            }
        }
    }

    private static String twoHundredAccounts(long batch) {
        StringBuilder json = new StringBuilder("{\"allOrNone\":false,\"records\":[");
        for (int i = 0; i < 200; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Bench ").append(batch).append('-').append(i).append("\"}");
        }
        return json.append("]}").toString();
    }
}
