package io.sfintegration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.testing.EmulatorRest;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The emulator's API calls by resource between two moments, to show where calls went. */
final class CallBreakdown {
    private final Map<String, Long> start;
    private final EmulatorRest sf;

    CallBreakdown(EmulatorRest sf) {
        this.sf = sf;
        this.start = byResource(sf.counters());
    }

    String sinceStart() {
        Map<String, Long> now = byResource(sf.counters());
        return now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(8)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Long> byResource(JsonNode counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.path("byResource").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }
}
