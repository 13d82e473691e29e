package io.sfintegration.controller;

import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.OrgSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog refreshes each org under its own lock: an org whose describe hangs does not hold up another org. */
class OrgCatalogLockTest {

    @Test
    void aSlowOrgDoesNotStallAnother() throws Exception {
        OrgCatalog catalog = new OrgCatalog(Clock.systemUTC());
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<OrgSnapshot> slow = CompletableFuture.supplyAsync(() -> catalog.refreshIfOlderThan("a/slow", Duration.ofMinutes(1), () -> {
            slowStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return snapshot("00D000000000001AAA");
        }));
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // the other org's refresh completes while the slow one is still inside its describe
        CompletableFuture<OrgSnapshot> fast = CompletableFuture.supplyAsync(() ->
                catalog.refreshIfOlderThan("b/fast", Duration.ofMinutes(1), () -> snapshot("00D000000000002AAA")));
        assertThat(fast.get(10, TimeUnit.SECONDS).orgId()).isEqualTo("00D000000000002AAA");
        assertThat(slow).isNotDone();
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).orgId()).isEqualTo("00D000000000001AAA");
    }

    private static OrgSnapshot snapshot(String orgId) {
        return new OrgSnapshot(orgId, "Acme", "0055g0000000001AAA", new ApiLimit(1, 100), List.of(), List.of());
    }
}
