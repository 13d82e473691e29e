package io.sfintegration.salesforce.batch;

import io.sfintegration.salesforce.CallBudget;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.SalesforceException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the items of concurrent {@link #call} invocations into batches, runs one {@link BatchFunction} call per
 * batch and hands every caller its own slice of the results. When a batch closes follows {@link BatchSettings}.
 * <p>
 * Threads: callers only wait. The timer only decides when a time-closed batch is due; every batch (closed by size or
 * by time) runs on the runner executor, so a slow delegate call never delays the timer or another batch.
 * <p>
 * Failures: if the batch function throws, every caller of that batch gets that same exception instance (unwrapped).
 * A caller interrupted while waiting gets a retryable {@link SalesforceException}; its items are dropped from the
 * batch if it has not closed yet, otherwise they are processed and the result is discarded.
 */
public final class MicroBatcher<I, O> {

    private final String name;
    private final BatchSettings settings;
    private final BatchFunction<I, O> function;
    private final ScheduledExecutorService timer;
    private final Executor runner;
    private final CallBudgets budgets;

    private final Object lock = new Object();
    /** The batch accepting items, or null. Guarded by lock. */
    private Batch open;
    /** Guarded by lock. */
    private boolean closed;
    private final Set<Batch> inFlight = ConcurrentHashMap.newKeySet();

    public MicroBatcher(String name, BatchSettings settings, BatchFunction<I, O> function,
                        ScheduledExecutorService timer, Executor runner) {
        this(name, settings, function, timer, runner, null);
    }

    /**
     * @param budgets the callers' call budgets: a batch charges each caller its share of every request it sends, and
     *                a caller whose budget runs out gets its budget's exception (null: nothing is charged)
     */
    public MicroBatcher(String name, BatchSettings settings, BatchFunction<I, O> function,
                        ScheduledExecutorService timer, Executor runner, CallBudgets budgets) {
        this.budgets = budgets;
        this.name = name;
        this.settings = settings;
        this.function = function;
        this.timer = timer;
        this.runner = runner;
    }

    /** Blocks until the batch holding these items has run; returns one result per item, in order. */
    public List<O> call(List<I> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        Entry entry = new Entry(List.copyOf(items), budgets == null ? null : budgets.current());
        List<Batch> due = new ArrayList<>(2);
        Batch joined;
        synchronized (lock) {
            if (closed) {
                throw closedException();
            }
            if (entry.items.size() >= settings.maxBatchSize()) {
                joined = null;
            } else {
                if (open != null && open.size + entry.items.size() > settings.maxBatchSize()) {
                    due.add(seal(open));
                }
                if (open == null) {
                    open = new Batch(System.nanoTime());
                    scheduleCheck(open, settings.lingerWhenIdle().toNanos());
                }
                open.add(entry);
                joined = open;
                if (open.size >= settings.maxBatchSize()) {
                    due.add(seal(open));
                }
            }
        }
        if (joined == null) {
            // Already a full batch on its own: nothing to coalesce it with; the delegate chunks it further.
            return function.apply(entry.items);
        }
        due.forEach(this::dispatch);
        return await(entry, joined);
    }

    /** Fails every waiting caller with a retryable exception and accepts no more calls. */
    public void close() {
        List<Batch> abandoned;
        synchronized (lock) {
            closed = true;
            abandoned = new ArrayList<>(inFlight);
            if (open != null) {
                open.sealed = true;
                abandoned.add(open);
                open = null;
            }
        }
        SalesforceException ex = closedException();
        abandoned.forEach(b -> b.fail(ex));
    }

    private Batch seal(Batch batch) {
        // Caller holds lock.
        batch.sealed = true;
        if (open == batch) {
            open = null;
        }
        inFlight.add(batch);
        return batch;
    }

    private void scheduleCheck(Batch batch, long delayNanos) {
        try {
            timer.schedule(() -> onTimer(batch), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Timer gone (client closing): close() fails this batch's callers.
        }
    }

    private void onTimer(Batch batch) {
        Batch due = null;
        synchronized (lock) {
            if (batch.sealed) {
                return;
            }
            long now = System.nanoTime();
            long deadline = Math.min(batch.firstArrivalNanos + settings.maxWait().toNanos(),
                    batch.lastArrivalNanos + settings.lingerWhenIdle().toNanos());
            if (now - deadline < 0) {
                scheduleCheck(batch, deadline - now);
            } else if (batch.entries.isEmpty()) {
                // Every caller withdrew (interrupted): nothing to send.
                batch.sealed = true;
                if (open == batch) {
                    open = null;
                }
            } else {
                due = seal(batch);
            }
        }
        if (due != null) {
            dispatch(due);
        }
    }

    private void dispatch(Batch batch) {
        try {
            runner.execute(() -> run(batch));
        } catch (RejectedExecutionException e) {
            inFlight.remove(batch);
            batch.fail(closedException());
        }
    }

    private void run(Batch batch) {
        try {
            List<I> all = new ArrayList<>(batch.size);
            batch.entries.forEach(e -> all.addAll(e.items));
            List<CallBudget> participants = batch.entries.stream().map(e -> e.budget).toList();
            Set<CallBudget> refused = ConcurrentHashMap.newKeySet();
            List<O> results = budgets == null ? function.apply(all) : budgets.shared(participants, refused, () -> function.apply(all));
            if (results == null || results.size() != all.size()) {
                batch.fail(new SalesforceException("batched " + name + " returned "
                        + (results == null ? "no" : results.size()) + " results for " + all.size() + " items", false, null));
                return;
            }
            int from = 0;
            for (Entry e : batch.entries) {
                int to = from + e.items.size();
                if (e.budget != null && refused.contains(e.budget)) {
                    // its budget ran out during the batch: the others got their answers, this caller is refused
                    e.result.completeExceptionally(e.budget.exceeded(name));
                    from = to;
                    continue;
                }
                e.result.complete(Collections.unmodifiableList(new ArrayList<>(results.subList(from, to))));
                from = to;
            }
        } catch (RuntimeException | Error e) {
            batch.fail(e);
        } finally {
            inFlight.remove(batch);
        }
    }

    private List<O> await(Entry entry, Batch batch) {
        try {
            return entry.result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SalesforceException("batched " + name + " failed", false, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                if (!batch.sealed && batch.entries.remove(entry)) {
                    batch.size -= entry.items.size();
                }
            }
            throw new SalesforceException("interrupted while waiting for a batched " + name + " call", true, e);
        }
    }

    private SalesforceException closedException() {
        return new SalesforceException("Salesforce client closed; batched " + name + " call not completed", true, null);
    }

    private final class Entry {
        final List<I> items;
        /** The caller's call budget, or null. */
        final CallBudget budget;
        final CompletableFuture<List<O>> result = new CompletableFuture<>();

        Entry(List<I> items, CallBudget budget) {
            this.items = items;
            this.budget = budget;
        }
    }

    private final class Batch {
        /** Changed only under lock and only until sealed; read by the runner after sealing. */
        final List<Entry> entries = new ArrayList<>();
        final long firstArrivalNanos;
        long lastArrivalNanos;
        int size;
        boolean sealed;

        Batch(long firstArrivalNanos) {
            this.firstArrivalNanos = firstArrivalNanos;
            this.lastArrivalNanos = firstArrivalNanos;
        }

        void add(Entry entry) {
            entries.add(entry);
            size += entry.items.size();
            lastArrivalNanos = System.nanoTime();
        }

        void fail(Throwable t) {
            entries.forEach(e -> e.result.completeExceptionally(t));
        }
    }
}
