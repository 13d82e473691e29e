package io.sfintegration.bench;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.testing.OperatorHarness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records when each resource was created and when it was first seen Ready (for its current generation), polling with
 * one LIST per kind rather than a GET per resource: at a thousand resources, GETs would load the API more than the
 * operator does.
 */
final class ReadyTracker<T extends CustomResource<?, ? extends ConditionedStatus>> {

    private final KubernetesClient client;
    private final Class<T> kind;
    private final Map<String, Long> createdNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> readyNanos = new ConcurrentHashMap<>();

    ReadyTracker(KubernetesClient client, Class<T> kind) {
        this.client = client;
        this.kind = kind;
    }

    void created(String name, long nanos) {
        createdNanos.put(name, nanos);
    }

    int expected() {
        return createdNanos.size();
    }

    int ready() {
        return readyNanos.size();
    }

    /** One LIST; marks the newly Ready. Returns true when every created resource has been seen Ready. */
    boolean poll() {
        long now = System.nanoTime();
        for (T r : client.resources(kind).inNamespace(OperatorHarness.NAMESPACE).list().getItems()) {
            String name = r.getMetadata().getName();
            if (createdNanos.containsKey(name) && !readyNanos.containsKey(name) && isReady(r)) {
                readyNanos.put(name, now);
            }
        }
        return readyNanos.keySet().containsAll(createdNanos.keySet());
    }

    static boolean isReady(CustomResource<?, ? extends ConditionedStatus> r) {
        return r.getStatus() != null && r.getStatus().condition("Ready")
                .filter(c -> "True".equals(c.getStatus()) && r.getMetadata().getGeneration().equals(c.getObservedGeneration()))
                .isPresent();
    }

    /** Milliseconds from creation to first seen Ready, sorted. */
    List<Double> latenciesMs() {
        List<Double> out = new ArrayList<>();
        readyNanos.forEach((name, ready) -> out.add((ready - createdNanos.get(name)) / 1e6));
        Collections.sort(out);
        return out;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Polls every interval until all are Ready or the timeout passes; returns whether all became Ready. */
    @SafeVarargs
    static boolean awaitAll(Duration timeout, Duration interval, ReadyTracker<?>... trackers) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (ReadyTracker<?> t : trackers) {
                all &= t.poll();
            }
            if (all) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
