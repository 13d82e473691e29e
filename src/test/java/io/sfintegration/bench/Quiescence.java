package io.sfintegration.bench;

import io.sfintegration.testing.EmulatorRest;

import java.time.Duration;

/** Waits until the emulator's API call counter stops moving: the operator has finished what it was doing. */
final class Quiescence {
    private Quiescence() {
    }

    static long awaitQuiet(EmulatorRest sf, Duration atLeast, Duration quietFor, Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long last = sf.apiCalls();
        long lastChange = System.nanoTime();
        while (true) {
            Thread.sleep(250);
            long now = System.nanoTime();
            long calls = sf.apiCalls();
            if (calls != last) {
                last = calls;
                lastChange = now;
            }
            boolean minDone = now - start >= atLeast.toNanos();
            if ((minDone && now - lastChange >= quietFor.toNanos()) || now - start >= atMost.toNanos()) {
                return calls;
            }
        }
    }
}
