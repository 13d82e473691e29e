package io.sfintegration.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.reconciler.BaseControl;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.EventSourceManager;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Works around a race in JOSDK 5.3.x's retry and reschedule timer ({@code TimerEventSource}): {@code scheduleOnce}
 * puts a new {@code TimerTask} in its map and then hands it to {@code java.util.Timer}; the informer thread's
 * {@code onResourceDeleted} may cancel that task in between (it is not serialised with the event processor), and
 * {@code Timer.schedule} then throws "Task already scheduled or cancelled" out of the reconcile thread. When the
 * caller is the timer's own thread (a rate-limited resubmission), the exception kills the Timer, and every later
 * retry and reschedule of that controller fails with "Timer already cancelled": resources wait for the next watch
 * event. {@code TimerEventSourceRaceTest} reproduces both.
 * <p>
 * {@link #install(Operator)} replaces each registered controller's timer, before the operator starts, with
 * {@link SerialTimer}: the same API, every operation under one lock, tasks on a {@link ScheduledExecutorService} that
 * survives a failing task. JOSDK has no hook for this, so the field is set by reflection; if a JOSDK upgrade renames
 * it, install logs a warning and leaves JOSDK's timer in place (and the test fails, so the upgrade notices).
 */
public final class RetryTimerFix {

    private static final Logger LOG = Logger.getLogger(RetryTimerFix.class);

    private RetryTimerFix() {
    }

    /** Call after the controllers are registered and before {@link Operator#start()}. True when every timer was replaced. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static boolean install(Operator operator) {
        boolean all = true;
        for (RegisteredController registered : operator.getRegisteredControllers()) {
            if (registered instanceof Controller controller) {
                all &= replace(controller);
            }
        }
        return all;
    }

    private static <P extends HasMetadata> boolean replace(Controller<P> controller) {
        try {
            EventSourceManager<P> manager = controller.getEventSourceManager();
            Object sources = field(manager.getClass(), "eventSources").get(manager);
            Field timerField = field(sources.getClass(), "retryAndRescheduleTimerEventSource");
            TimerEventSource<?> original = (TimerEventSource<?>) timerField.get(sources);
            if (original instanceof SerialTimer<?>) {
                return true;
            }
            if (original.isRunning()) {
                LOG.warnf("controller %s already started: JOSDK's retry timer stays", controller.getConfiguration().getName());
                return false;
            }
            boolean onAllEvents = (boolean) field(TimerEventSource.class, "triggerReconcilerOnAllEvents").get(original);
            SerialTimer<P> timer = new SerialTimer<>(original.name(), onAllEvents, controller.getConfiguration().getName());
            timer.setEventHandler(controller.getEventProcessor());
            timerField.set(sources, timer);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("could not replace JOSDK's retry timer of controller %s (%s): the 'Task already scheduled or cancelled' race remains",
                    controller.getConfiguration().getName(), e);
            return false;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** JOSDK's retry and reschedule timer with its operations serialised. */
    public static final class SerialTimer<R extends HasMetadata> extends TimerEventSource<R> {

        private final boolean triggerReconcilerOnAllEvents;
        private final String threadName;
        private final Map<ResourceID, ScheduledFuture<?>> scheduled = new HashMap<>();
        private ScheduledExecutorService executor;

        public SerialTimer(String name, boolean triggerReconcilerOnAllEvents, String controller) {
            super(name, triggerReconcilerOnAllEvents);
            this.triggerReconcilerOnAllEvents = triggerReconcilerOnAllEvents;
            this.threadName = "retry-timer-" + controller;
        }

        @Override
        public void scheduleOnce(ResourceID resourceID, long delay) {
            synchronized (this) {
                if (!isRunning()) {
                    throw new IllegalStateException("The TimerEventSource is not running");
                }
                cancel(resourceID);
                if (delay != BaseControl.INSTANT_RESCHEDULE) {
                    WakeUp wakeUp = new WakeUp(resourceID);
                    // put before the task can run: it takes this lock first
                    wakeUp.future = executor.schedule(wakeUp, delay, TimeUnit.MILLISECONDS);
                    scheduled.put(resourceID, wakeUp.future);
                    return;
                }
            }
            // outside the lock: the event processor takes its own lock, and the timer thread takes them in that order too
            fire(resourceID);
        }

        private final class WakeUp implements Runnable {
            private final ResourceID resourceID;
            private ScheduledFuture<?> future;

            WakeUp(ResourceID resourceID) {
                this.resourceID = resourceID;
            }

            @Override
            public void run() {
                synchronized (SerialTimer.this) {
                    // only this wake-up's entry: a newer one for the same resource stays cancellable
                    scheduled.remove(resourceID, future);
                }
                fire(resourceID);
            }
        }

        @Override
        public void onResourceDeleted(R resource) {
            // as JOSDK: with triggerReconcilerOnAllEvents the event processor cancels after processing the delete
            if (!triggerReconcilerOnAllEvents) {
                cancelOnceSchedule(ResourceID.fromResource(resource));
            }
        }

        @Override
        public synchronized void cancelOnceSchedule(ResourceID resourceID) {
            cancel(resourceID);
        }

        /** How many wake-ups are pending (for tests). */
        public synchronized int pending() {
            return scheduled.size();
        }

        private void cancel(ResourceID resourceID) {
            ScheduledFuture<?> future = scheduled.remove(resourceID);
            if (future != null) {
                future.cancel(false);
            }
        }

        private void fire(ResourceID resourceID) {
            if (!isRunning()) {
                return;
            }
            try {
                getEventHandler().handleEvent(new Event(resourceID));
            } catch (RuntimeException e) {
                // a ScheduledExecutorService survives a failing task anyway; say what was lost
                LOG.warnf(e, "timer event for %s could not be handled", resourceID);
            }
        }

        @Override
        public synchronized void start() {
            if (!isRunning()) {
                super.start();
                executor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
            }
        }

        @Override
        public synchronized void stop() {
            if (isRunning()) {
                scheduled.values().forEach(f -> f.cancel(false));
                scheduled.clear();
                executor.shutdownNow();
                super.stop();
            }
        }
    }
}
