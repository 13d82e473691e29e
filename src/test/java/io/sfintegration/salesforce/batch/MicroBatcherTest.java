package io.sfintegration.salesforce.batch;

import io.sfintegration.salesforce.SalesforceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicroBatcherTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService runner = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<List<Integer>> batches = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        runner.shutdownNow();
    }

    private MicroBatcher<Integer, Integer> doubling(int maxBatchSize, long maxWaitMs, long lingerMs) {
        return new MicroBatcher<>("double", new BatchSettings(maxBatchSize, Duration.ofMillis(maxWaitMs), Duration.ofMillis(lingerMs)),
                items -> {
                    batches.add(items);
                    return items.stream().map(i -> i * 2).toList();
                }, timer, runner);
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForTheTimer() throws Exception {
        // not the production window: no timer may close the batch, only its size
        MicroBatcher<Integer, Integer> batcher = doubling(3, 60_000, 60_000);
        List<Thread> callers = new ArrayList<>();
        List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int item = i;
            Thread t = new Thread(() -> answers.add(batcher.call(List.of(item)).get(0)));
            t.start();
            callers.add(t);
        }
        for (Thread t : callers) {
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(answers).containsExactlyInAnyOrder(2, 4, 6);
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).containsExactlyInAnyOrder(1, 2, 3));
    }

    @Test
    void aCallThatWouldOverflowTheOpenBatchSendsItAndStartsANewOne() throws Exception {
        // not the production window: no timer may close the batch, only an overflowing call
        MicroBatcher<Integer, Integer> batcher = doubling(4, 60_000, 60_000);
        AtomicReference<List<Integer>> first = new AtomicReference<>();
        Thread t = new Thread(() -> first.set(batcher.call(List.of(1, 2, 3))));
        t.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> t.getState() == Thread.State.WAITING);

        AtomicReference<List<Integer>> second = new AtomicReference<>();
        AtomicReference<Throwable> secondFailure = new AtomicReference<>();
        Thread u = new Thread(() -> {
            try {
                second.set(batcher.call(List.of(4, 5)));
            } catch (SalesforceException e) {
                secondFailure.set(e);
            }
        });
        u.start();
        t.join(5000);

        assertThat(first.get()).containsExactly(2, 4, 6);
        assertThat(batches).containsExactly(List.of(1, 2, 3));
        // The second batch (4, 5) lingers for a minute: interrupting its caller drops it unsent.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> u.getState() == Thread.State.WAITING);
        u.interrupt();
        u.join(5000);
        assertThat(secondFailure.get()).isInstanceOf(SalesforceException.class);
        assertThat(second.get()).isNull();
        assertThat(batches).containsExactly(List.of(1, 2, 3));
    }

    @Test
    void steadyArrivalsDoNotHoldABatchBeyondMaxWait() throws Exception {
        // not the production window: the test is about max-wait against steady arrivals (the window itself), scaled down
        MicroBatcher<Integer, Integer> batcher = doubling(10_000, 200, 100);
        AtomicLong firstDoneAfterMs = new AtomicLong(-1);
        long start = System.nanoTime();
        Thread first = new Thread(() -> {
            batcher.call(List.of(0));
            firstDoneAfterMs.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        });
        first.start();
        // A new item every 10 ms keeps extending the 100 ms linger; only maxWait ends the batch.
        List<Thread> feeders = new ArrayList<>();
        for (int i = 1; i <= 150 && first.isAlive(); i++) {
            int item = i;
            Thread f = new Thread(() -> batcher.call(List.of(item)));
            f.start();
            feeders.add(f);
            Thread.sleep(10);   // the arrival pace this test is about (not a wait for an outcome)
        }
        first.join(5000);
        for (Thread f : feeders) {
            f.join(5000);
        }
        // Generous: the point is that the batch closed while items were still arriving.
        assertThat(firstDoneAfterMs.get()).isBetween(0L, 1200L);
        assertThat(batches.size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWrongNumberOfResultsFailsEveryCaller() {
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("broken", BatchSettings.defaults().withMaxBatchSize(10),
                items -> List.of(), timer, runner);

        assertThatThrownBy(() -> batcher.call(List.of(1, 2)))
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("0 results for 2 items");
    }

    @Test
    void anEmptyCallIsAnsweredWithoutABatch() {
        assertThat(doubling(10, 1_000, 100).call(List.of())).isEmpty();   // the production window
        assertThat(batches).isEmpty();
    }

    @Test
    void lingerLongerThanMaxWaitIsCappedAtMaxWait() {
        // not the production window: the test is about the settings themselves
        BatchSettings settings = new BatchSettings(5, Duration.ofMillis(10), Duration.ofMillis(50));
        assertThat(settings.lingerWhenIdle()).isEqualTo(Duration.ofMillis(10));
        assertThat(BatchSettings.defaults().maxBatchSize()).isEqualTo(200);
    }
}
