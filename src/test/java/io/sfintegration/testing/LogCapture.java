package io.sfintegration.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything logged at DEBUG and above while open (what an operator's user may switch on), so a test can
 * assert that no secret was ever logged. TRACE is left out: fabric8's HTTP wire logging prints request bodies there.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level previous;

    public LogCapture() {
        previous = root.getLevel();
        setLevel(Level.FINE);
        root.setLevel(Level.FINE);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        // the mock API server stands in for a real cluster, which stores Secrets by design; the operator is what we check
        if (logger.startsWith("io.fabric8.kubernetes.client.server.mock") || logger.startsWith("io.fabric8.mockwebserver")) {
            return;
        }
        String message = record.getMessage();
        if (record.getParameters() != null && message != null) {
            try {
                message = java.text.MessageFormat.format(message, record.getParameters());
            } catch (IllegalArgumentException ignored) {
                // not a MessageFormat pattern: keep the raw message
            }
        }
        lines.add(record.getLoggerName() + " " + message + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
