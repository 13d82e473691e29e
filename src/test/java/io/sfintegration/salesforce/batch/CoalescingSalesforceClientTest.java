package io.sfintegration.salesforce.batch;

import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescingSalesforceClientTest {

    private final RecordingSalesforceClient delegate = new RecordingSalesforceClient();
    private CoalescingSalesforceClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private CoalescingSalesforceClient client(int maxBatchSize, long maxWaitMs, long lingerMs) {
        client = new CoalescingSalesforceClient(delegate,
                new BatchSettings(maxBatchSize, Duration.ofMillis(maxWaitMs), Duration.ofMillis(lingerMs)));
        return client;
    }

    /** Runs task(i) on n threads released together; each slot holds the result or the Throwable thrown. */
    private static List<Object> concurrently(int n, IntFunction<Object> task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Object[] outcomes = new Object[n];
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    outcomes[index] = task.apply(index);
                } catch (Throwable e) {
                    outcomes[index] = e;
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).as("caller finished").isFalse();
        }
        return Arrays.asList(outcomes);
    }

    private static UserProvisioning provisioning(String username) {
        return new UserProvisioning(new UserFields(username, username, null, "L", "a", null, null, null, null, null),
                true, false, List.of(), List.of());
    }

    @Test
    void concurrentSingleLookupsShareOneDelegateCallAndEachCallerGetsItsOwnUser() throws Exception {
        client(200, 1000, 100);

        List<Object> outcomes = concurrently(200, i -> client.findUsersByUsername(List.of("User" + i + "@X.com")));

        for (int i = 0; i < 200; i++) {
            String key = "user" + i + "@x.com";
            @SuppressWarnings("unchecked")
            Map<String, UserState> own = (Map<String, UserState>) outcomes.get(i);
            assertThat(own).containsOnlyKeys(key);
            assertThat(own.get(key).user().username()).isEqualTo(key);
        }
        List<RecordingSalesforceClient.Call> calls = delegate.calls("findUsersByUsername");
        assertThat(calls.size()).isBetween(1, 3);
        assertThat(calls.stream().mapToInt(c -> c.args().size()).sum()).isEqualTo(200);
    }

    @Test
    void provisioningFromAThousandThreadsGoesOutInBatchesOfAtMost200() throws Exception {
        client(200, 1000, 100);   // the production window

        List<Object> outcomes = concurrently(1000, i -> client.provisionUsers(List.of(provisioning("u" + i + "@x.com"))));

        for (int i = 0; i < 1000; i++) {
            @SuppressWarnings("unchecked")
            List<ProvisioningResult> own = (List<ProvisioningResult>) outcomes.get(i);
            assertThat(own).hasSize(1);
            assertThat(own.get(0).user().id()).isEqualTo(RecordingSalesforceClient.idFor("u" + i + "@x.com"));
        }
        List<RecordingSalesforceClient.Call> calls = delegate.calls("provisionUsers");
        assertThat(calls).allSatisfy(c -> assertThat(c.args().size()).isBetween(1, 200));
        assertThat(calls.stream().mapToInt(c -> c.args().size()).sum()).isEqualTo(1000);
        // The project's target: at most 0.2 API calls per user (a delegate call here is at least one API call).
        assertThat(calls.size()).isLessThanOrEqualTo(200);
        System.out.printf("provisionUsers: 1000 callers -> %d delegate calls%n", calls.size());
    }

    @Test
    void permissionSetsCreatedByManyReconcilesGoOutTogether() throws Exception {
        client(200, 1000, 100);

        List<Object> outcomes = concurrently(100, i -> client.createPermissionSet(
                new PermissionSetFields("Set_" + i, "Set " + i, null, null, java.util.Set.of()), List.of(), List.of()));

        for (int i = 0; i < 100; i++) {
            assertThat(outcomes.get(i)).isEqualTo(SaveResult.ok("0PSSet_" + i));
        }
        assertThat(delegate.calls("createPermissionSet")).isEmpty();
        List<RecordingSalesforceClient.Call> calls = delegate.calls("createPermissionSets");
        assertThat(calls.size()).isBetween(1, 3);
        assertThat(calls.stream().mapToInt(c -> c.args().size()).sum()).isEqualTo(100);
    }

    @Test
    void perItemFailuresReachTheirOwnCaller() throws Exception {
        client(200, 1000, 100);   // the production window

        List<Object> outcomes = concurrently(100, i -> client.updateUsers(List.of(new UserUpdate("005u" + i, null, true))));

        for (int i = 0; i < 100; i++) {
            @SuppressWarnings("unchecked")
            SaveResult own = ((List<SaveResult>) outcomes.get(i)).get(0);
            if (i % 2 == 1) {
                assertThat(own.success()).isFalse();
                assertThat(own.errors()).containsExactly(SalesforceError.of("FIELD_INTEGRITY_EXCEPTION", "005u" + i));
            } else {
                assertThat(own).isEqualTo(SaveResult.ok("005u" + i));
            }
        }
    }

    @Test
    void multiItemCallersGetTheirOwnSliceInOrder() throws Exception {
        client(200, 1000, 100);   // the production window

        List<Object> outcomes = concurrently(50, i -> client.setFrozen(List.of(
                new FreezeChange("L" + i + "a", true), new FreezeChange("L" + i + "b", false), new FreezeChange("L" + i + "c", true))));

        for (int i = 0; i < 50; i++) {
            assertThat(outcomes.get(i)).isEqualTo(List.of(
                    SaveResult.ok("L" + i + "a"), SaveResult.ok("L" + i + "b"), SaveResult.ok("L" + i + "c")));
        }
        assertThat(delegate.calls("setFrozen").size()).isLessThan(50);
    }

    @Test
    void aDelegateExceptionReachesEveryCallerOfThatBatchAndNoOther() throws Exception {
        client(4, 1000, 100);   // the production window; batches of 4 so that the poison splits them
        Map<List<?>, RuntimeException> thrownForBatch = new ConcurrentHashMap<>();
        delegate.beforeEachCall = call -> {
            if (call.args().stream().anyMatch(a -> ((NewAssignment) a).assigneeId().startsWith("poison"))) {
                SalesforceException e = new SalesforceException(503, List.of(SalesforceError.of("SERVER_UNAVAILABLE", "down")), true);
                thrownForBatch.put(call.args(), e);
                throw e;
            }
        };

        List<Object> outcomes = concurrently(40, i ->
                client.assignPermissionSets(List.of(new NewAssignment((i % 10 == 0 ? "poison" : "005") + i, "0PSx"))));

        List<RecordingSalesforceClient.Call> calls = delegate.calls("assignPermissionSets");
        assertThat(calls).allSatisfy(c -> assertThat(c.args().size()).isLessThanOrEqualTo(4));
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            String assignee = (i % 10 == 0 ? "poison" : "005") + i;
            RecordingSalesforceClient.Call batch = calls.stream()
                    .filter(c -> c.args().stream().anyMatch(a -> ((NewAssignment) a).assigneeId().equals(assignee)))
                    .findFirst().orElseThrow();
            RuntimeException thrown = thrownForBatch.get(batch.args());
            if (thrown != null) {
                assertThat(outcomes.get(i)).as("caller %d", i).isSameAs(thrown);
                failed++;
            } else {
                assertThat(outcomes.get(i)).as("caller %d", i).isEqualTo(List.of(SaveResult.ok("0Pa" + assignee)));
            }
        }
        assertThat(failed).isBetween(4, 16);
    }

    @Test
    void lookupKeysAreDeduplicatedCaseInsensitively() throws Exception {
        client(200, 1000, 100);

        List<Object> outcomes = concurrently(60, i -> client.findUsersByUsername(List.of(
                i % 3 == 0 ? "missing" + i + "@x.com" : (i % 2 == 0 ? "Same@X.com" : "same@x.com"))));

        for (int i = 0; i < 60; i++) {
            if (i % 3 == 0) {
                assertThat((Map<?, ?>) outcomes.get(i)).isEmpty();
            } else {
                assertThat(((Map<?, ?>) outcomes.get(i)).keySet()).isEqualTo(Set.of("same@x.com"));
            }
        }
        for (RecordingSalesforceClient.Call call : delegate.calls("findUsersByUsername")) {
            Set<String> distinct = new HashSet<>();
            call.args().forEach(a -> assertThat(distinct.add(((String) a).toLowerCase(Locale.ROOT))).isTrue());
        }
    }

    @Test
    void aSingleCallOnAnIdleClientIsNotHeldForMaxWait() {
        // not the production window: this test is about the window itself (a lone call waits the 2 ms linger, not the 5 s max-wait)
        client(200, 5000, 2);

        long start = System.nanoTime();
        Map<String, UserState> found = client.findUsersById(List.of("005000000000001AAA"));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(found).containsOnlyKeys("005000000000001AAA");
        assertThat(elapsedMs).isLessThan(1000);
    }

    @Test
    void aCallAsLargeAsABatchGoesStraightToTheDelegate() {
        // not the production window: a window that would hold the call for 5 s proves a full-size call does not wait for it
        client(10, 5000, 5000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add("0Pa" + i);
        }

        assertThat(client.deleteRecords(ids)).extracting(SaveResult::id).containsExactlyElementsOf(ids);
        assertThat(delegate.calls("deleteRecords")).singleElement()
                .satisfies(c -> assertThat(c.args()).isEqualTo(ids));
    }

    @Test
    void closeReleasesCallersWaitingForAnOpenBatch() throws Exception {
        // not the production window: a batch that never closes by time keeps the caller waiting until close()
        client(200, 60_000, 60_000);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.findPermissionSets(List.of("Integration_Base"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.WAITING);

        client.close();
        caller.join(5000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(delegate.calls).isEmpty();
    }

    @Test
    void closeReleasesCallersWhoseBatchIsStillRunning() throws Exception {
        client(200, 1000, 100);   // the production window
        CountDownLatch delegateEntered = new CountDownLatch(1);
        CountDownLatch neverReleased = new CountDownLatch(1);
        delegate.beforeEachCall = call -> {
            delegateEntered.countDown();
            try {
                neverReleased.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.assignPermissionSetLicenses(List.of(new NewAssignment("005a", "0PLa")));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        caller.start();
        assertThat(delegateEntered.await(5, TimeUnit.SECONDS)).isTrue();

        client.close();
        caller.join(5000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void callsAfterCloseAreRefusedAsRetryable() {
        client(200, 1000, 100).close();   // the production window

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.deleteRecords(List.of("0Pa1")))
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anInterruptedCallerGetsARetryableExceptionAndItsItemIsDroppedFromTheOpenBatch() throws Exception {
        // not the production window: the batch must still be open when the caller is interrupted (300 ms, far from any deadline in this test)
        client(200, 300, 300);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client.deleteRecords(List.of("0Pa-dropped"));
            } catch (Throwable e) {
                outcome.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.WAITING);

        caller.interrupt();
        caller.join(5000);
        assertThat(client.deleteRecords(List.of("0Pa-kept"))).containsExactly(SaveResult.ok("0Pa-kept"));

        assertThat(outcome.get()).isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(delegate.calls("deleteRecords")).extracting(RecordingSalesforceClient.Call::args)
                .containsExactly(List.of("0Pa-kept"));
    }

    @Test
    void otherOperationsPassStraightThrough() {
        client(200, 1000, 100);   // the production window

        assertThat(client.describeOrg(List.of("Salesforce Integration"), List.of()).orgId()).isEqualTo("00D");
        assertThat(client.countAssignments("0PS1")).isEqualTo(7);
        assertThat(client.lastKnownApiLimit().max()).isEqualTo(100);
        assertThat(client.background()).isSameAs(delegate.backgroundView);
        assertThat(delegate.calls).extracting(RecordingSalesforceClient.Call::method)
                .containsExactly("describeOrg", "countAssignments");
    }
}
