package io.sfintegration.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * JOSDK 5.3.x's retry/reschedule timer races with deletes: {@code scheduleOnce} (reconcile thread, under the event
 * processor's lock) puts a new TimerTask in its map and then schedules it; {@code onResourceDeleted} (informer thread,
 * no lock) removes and cancels it in between. The interleaving is forced here by a map whose {@code put} lets the
 * "informer" run to completion before returning. {@link RetryTimerFix.SerialTimer} serialises both.
 */
@EnableKubernetesMockClient(crud = true)
class TimerEventSourceRaceTest {

    KubernetesClient kube;
    TimerEventSource<SalesforceOrg> timer;
    Operator operator;

    final SalesforceOrg org = org("prod");
    final ResourceID id = ResourceID.fromResource(org);

    static SalesforceOrg org(String name) {
        SalesforceOrg o = new SalesforceOrg();
        o.getMetadata().setName(name);
        o.getMetadata().setNamespace("default");
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl("https://" + name + ".my.salesforce.com");
        o.setSpec(spec);
        return o;
    }

    @AfterEach
    void stop() {
        if (timer != null) {
            timer.stop();
        }
        if (operator != null) {
            operator.stop();
        }
    }

    /** Replaces JOSDK's private task map by one that runs the given "other thread" right after each put. */
    @SuppressWarnings("unchecked")
    static void interleaveAfterPut(TimerEventSource<?> timer, Runnable otherThread) throws Exception {
        Field tasks = TimerEventSource.class.getDeclaredField("onceTasks");
        tasks.setAccessible(true);
        tasks.set(timer, new ConcurrentHashMap<ResourceID, Object>() {
            @Override
            public Object put(ResourceID key, Object value) {
                Object previous = super.put(key, value);
                Thread t = new Thread(otherThread, "informer");
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return previous;
            }
        });
    }

    @Test
    void josdkTimerThrowsWhenADeleteCancelsBetweenPutAndSchedule() throws Exception {
        timer = new TimerEventSource<>("RetryAndRescheduleTimerEventSource", false);
        timer.setEventHandler(event -> { });
        timer.start();
        interleaveAfterPut(timer, () -> timer.onResourceDeleted(org));

        assertThatThrownBy(() -> timer.scheduleOnce(id, 60_000))
                .isInstanceOf(IllegalStateException.class).hasMessage("Task already scheduled or cancelled");
    }

    @Test
    void onTheTimersOwnThreadTheRaceKillsTheTimerForEveryResource() throws Exception {
        timer = new TimerEventSource<>("RetryAndRescheduleTimerEventSource", false);
        ResourceID other = ResourceID.fromResource(org("sandbox"));
        // the event processor resubmitting a rate-limited resource from the timer's thread, as handleEvent does
        timer.setEventHandler(event -> {
            if (event.getRelatedCustomResourceID().equals(other)) {
                timer.scheduleOnce(id, 60_000);
            }
        });
        timer.start();
        interleaveAfterPut(timer, () -> timer.onResourceDeleted(org));
        timer.scheduleOnce(other, 1);

        // the TimerTask threw "Task already scheduled or cancelled" on the Timer's thread (which awaitility would report
        // as this test's failure): the Timer is dead, for this and every other resource
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                timer.scheduleOnce(ResourceID.fromResource(org("third")), 60_000);
                return false;
            } catch (IllegalStateException e) {
                return "Timer already cancelled.".equals(e.getMessage());
            }
        });
    }

    @Test
    void theSerialTimerCannotBeInterleavedAndKeepsFiring() throws Exception {
        RetryTimerFix.SerialTimer<SalesforceOrg> serial = new RetryTimerFix.SerialTimer<>("retry", false, "test");
        timer = serial;
        List<ResourceID> fired = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        serial.setEventHandler(event -> {
            fired.add(event.getRelatedCustomResourceID());
            if (failures.getAndIncrement() == 0) {
                throw new IllegalStateException("a handler failing once must not stop later wake-ups");
            }
        });
        serial.start();

        // the same two operations from two threads, many times: no exception, nothing left scheduled
        Thread informer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                serial.onResourceDeleted(org);
            }
        });
        informer.start();
        for (int i = 0; i < 20_000; i++) {
            serial.scheduleOnce(id, 60_000);
        }
        informer.join();
        serial.onResourceDeleted(org);
        assertThat(serial.pending()).isZero();

        serial.scheduleOnce(id, 1);
        serial.scheduleOnce(ResourceID.fromResource(org("sandbox")), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 2);
        serial.scheduleOnce(id, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 3);
        assertThat(serial.pending()).isZero();
    }

    @Test
    void theSerialTimerCancelsOnDeleteLikeJosdk() {
        RetryTimerFix.SerialTimer<SalesforceOrg> serial = new RetryTimerFix.SerialTimer<>("retry", false, "test");
        timer = serial;
        List<Event> fired = new CopyOnWriteArrayList<>();
        serial.setEventHandler(fired::add);
        serial.start();
        serial.scheduleOnce(id, 60_000);
        serial.scheduleOnce(id, 60_000);
        assertThat(serial.pending()).isEqualTo(1);
        serial.onResourceDeleted(org);
        assertThat(serial.pending()).isZero();

        RetryTimerFix.SerialTimer<SalesforceOrg> onAllEvents = new RetryTimerFix.SerialTimer<>("retry", true, "test");
        onAllEvents.setEventHandler(fired::add);
        onAllEvents.start();
        onAllEvents.scheduleOnce(id, 60_000);
        onAllEvents.onResourceDeleted(org);
        assertThat(onAllEvents.pending()).as("cancelled by the event processor after the delete instead").isEqualTo(1);
        onAllEvents.stop();
    }

    static final class Rescheduling implements Reconciler<SalesforceOrg> {
        final AtomicInteger reconciles = new AtomicInteger();

        @Override
        public UpdateControl<SalesforceOrg> reconcile(SalesforceOrg resource, Context<SalesforceOrg> context) {
            reconciles.incrementAndGet();
            return UpdateControl.<SalesforceOrg>noUpdate().rescheduleAfter(Duration.ofMillis(20));
        }
    }

    @Test
    void installReplacesEachControllersTimerAndReschedulesStillWork() throws Exception {
        // SSA off: this test runs on fabric8's plain mock server (@EnableKubernetesMockClient), which answers 415 to
        // apply patches; it tests timers, not writes, and its reconciler writes nothing
        operator = new Operator(o -> o.withKubernetesClient(kube).withUseSSAToPatchPrimaryResource(false).withCloseClientOnStop(false));
        Rescheduling reconciler = new Rescheduling();
        operator.register(reconciler);
        assertThat(RetryTimerFix.install(operator)).isTrue();
        assertThat(RetryTimerFix.install(operator)).as("again: already in place").isTrue();
        Controller<?> controller = (Controller<?>) operator.getRegisteredControllers().iterator().next();
        Field sources = controller.getEventSourceManager().getClass().getDeclaredField("eventSources");
        sources.setAccessible(true);
        Object eventSources = sources.get(controller.getEventSourceManager());
        Field retry = eventSources.getClass().getDeclaredField("retryAndRescheduleTimerEventSource");
        retry.setAccessible(true);
        assertThat(retry.get(eventSources)).isInstanceOf(RetryTimerFix.SerialTimer.class);

        operator.start();
        kube.resource(org("prod")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> reconciler.reconciles.get() >= 3);
    }
}
