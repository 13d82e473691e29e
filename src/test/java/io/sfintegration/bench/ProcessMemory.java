package io.sfintegration.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap used after a full GC and the resident set size of a JVM (Linux /proc/<pid>/status). */
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
        return residentBytes(Path.of("/proc/self/status"), "VmRSS:");
    }

    /** A size line (VmRSS:, VmHWM:) of a /proc/<pid>/status file in bytes, or -1 where it is missing. */
    static long residentBytes(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
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
