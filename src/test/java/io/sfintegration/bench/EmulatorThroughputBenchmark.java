package io.sfintegration.bench;

import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.emulator.SalesforceEmulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
 * Issue 3's figure: requests per second the emulator serves for a simple query and for 200-record collection creates,
 * with 8 concurrent client threads for about 5 s each. The emulator must never be the bottleneck of an operator benchmark.
 */
@Tag("benchmark")
class EmulatorThroughputBenchmark {

    private static final int THREADS = 8;
    private static final Duration WARMUP = Duration.ofSeconds(1);
    private static final Duration RUN = Duration.ofSeconds(5);

    @Test
    void queryAndCollectionCreates() throws Exception {
        BenchReport report = new BenchReport("emulator-throughput")
                .context("client threads", THREADS)
                .context("duration per workload (s)", RUN.toSeconds())
                .context("cores", Runtime.getRuntime().availableProcessors());
        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.builder().dailyApiMax(Long.MAX_VALUE).build())) {
            String token = emulator.issueAccessToken(EmulatorSeed.ADMIN);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String v = emulator.baseUrl() + "/services/data/v62.0";
            URI query = URI.create(v + "/query?q=" + URLEncoder.encode("SELECT Id, Username FROM User WHERE IsActive = true", StandardCharsets.UTF_8));
            Supplier<HttpRequest> queryRequest = () -> HttpRequest.newBuilder(query).header("Authorization", "Bearer " + token).GET().build();
            AtomicLong seq = new AtomicLong();
            Supplier<HttpRequest> createRequest = () -> HttpRequest.newBuilder(URI.create(v + "/composite/sobjects"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(twoHundredAccounts(seq.incrementAndGet()))).build();

            report.row(measure("query (1 row set of 2 users)", client, queryRequest, 1));
            report.row(measure("collection create (200 Accounts)", client, createRequest, 200));
        }
        report.publish();
    }

    private static Map<String, Object> measure(String name, HttpClient client, Supplier<HttpRequest> request, int recordsPerCall) throws Exception {
        run(client, request, WARMUP);
        long start = System.nanoTime();
        long[] outcome = run(client, request, RUN);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", name);
        row.put("requests", outcome[0]);
        row.put("errors", outcome[1]);
        row.put("requests/s", Math.round(outcome[0] / seconds));
        row.put("records/s", Math.round(outcome[0] * recordsPerCall / seconds));
        row.put("mean latency (ms)", outcome[0] == 0 ? 0.0 : outcome[2] / 1e6 / outcome[0]);
        return row;
    }

    /** Runs THREADS clients for the duration; returns {successful requests, errors, total nanos of the successful ones}. */
    private static long[] run(HttpClient client, Supplier<HttpRequest> request, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            AtomicLong ok = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong nanos = new AtomicLong();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long s = System.nanoTime();
                        try {
                            HttpResponse<Void> r = client.send(request.get(), HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                                nanos.addAndGet(System.nanoTime() - s);
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            return new long[]{ok.get(), errors.get(), nanos.get()};
        } finally {
            pool.shutdownNow();
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
