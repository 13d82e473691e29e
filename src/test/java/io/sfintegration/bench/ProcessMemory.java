package io.sfintegration.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap used after a full GC and the resident set size of this JVM (Linux /proc/self/status). */
final class ProcessMemory {
    private ProcessMemory() {
    }

    static long heapUsedAfterGcBytes() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS in bytes, or -1 where /proc is missing. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024 * 1024);
    }
}
