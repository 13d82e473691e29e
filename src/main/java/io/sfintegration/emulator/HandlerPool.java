package io.sfintegration.emulator;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the emulator's request handlers. At most {@code max} requests are handled at once; one more
 * waits (the HTTP server's dispatcher waits with it, so later requests stay in the socket buffers and the backlog).
 * <p>
 * Why not a fixed pool: a fixed pool's queue wakes its idle threads in turn, so a steady load cycles through all of
 * them (cold caches, a futex wake for each), which halved the requests per second on 2 cores. Here an idle thread
 * waits on a SynchronousQueue, which hands work to the thread that went idle last: CPU-bound load keeps using the
 * same two or three hot threads, while threads sleeping in injected latency make the pool grow up to {@code max}.
 * Threads idle for 30 s end.
 */
final class HandlerPool extends ThreadPoolExecutor {

    HandlerPool(int max) {
        super(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(), HandlerPool::waitForAThread);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "salesforce-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** All threads busy: hand the work over as soon as one of them asks for more, unless the pool is shutting down. */
    private static void waitForAThread(Runnable work, ThreadPoolExecutor pool) {
        try {
            while (!pool.isShutdown()) {
                if (pool.getPoolSize() < pool.getMaximumPoolSize()) {
                    pool.execute(work); // a thread ended meanwhile: start another
                    return;
                }
                if (pool.getQueue().offer(work, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new RejectedExecutionException("the Salesforce emulator is stopping");
    }
}
