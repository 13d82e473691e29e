package io.sfintegration.bench;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns down the mock API server's per-request INFO lines while a benchmark runs (at thousands of requests, logging
 * them costs more CPU than the operator does), and fabric8's TRACE wire log, which prints request and response bodies,
 * Secrets included. The loggers are held so their levels are not garbage collected.
 */
final class QuietLogs implements AutoCloseable {
    private final List<Logger> loggers = List.of(Logger.getLogger("io.fabric8.mockwebserver"),
            Logger.getLogger("io.fabric8.kubernetes.client.server.mock"),
            Logger.getLogger("io.fabric8.kubernetes.client.http.HttpLoggingInterceptor"));
    private final List<Level> levels = List.of(Level.WARNING, Level.WARNING, Level.INFO);
    private final List<Level> previous = loggers.stream().map(Logger::getLevel).toList();

    QuietLogs() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setLevel(levels.get(i));
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setLevel(previous.get(i));
        }
    }
}
