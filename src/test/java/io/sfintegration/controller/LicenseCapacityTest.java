package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seeded org has five Salesforce Integration seats, as a real Enterprise org has for free. */
class LicenseCapacityTest {

    @Test
    void sixthUserWaitsForASeatAndProceedsWhenOneFreesUp() throws Exception {
        try (OperatorHarness harness = OperatorHarness.start()) {
            EmulatorRest sf = new EmulatorRest(harness.emulator());
            SalesforceOrg org = harness.createOrg();
            assertThat(org.getStatus().getLicenses()).anySatisfy(l -> {
                assertThat(l.getName()).isEqualTo("Salesforce Integration");
                assertThat(l.getTotal()).isEqualTo(5);
            });
            for (int i = 1; i <= 5; i++) {
                harness.create(Resources.user("u" + i, "u" + i + "@acme.example.com"));
            }
            for (int i = 1; i <= 5; i++) {
                harness.awaitCondition(IntegrationUser.class, "u" + i, "Ready", "True");
            }
            harness.create(Resources.user("u6", "u6@acme.example.com"));
            IntegrationUser waiting = harness.awaitCondition(IntegrationUser.class, "u6", "Ready", "False", "LicenseLimitExceeded");
            assertThat(waiting.getStatus().condition("Ready").get().getMessage()).contains("5 of 5");
            assertThat(sf.query("SELECT Id FROM User WHERE Username = 'u6@acme.example.com'")).isEmpty();

            long before = sf.apiCalls();
            // backoff, not hammering: at most 2 calls during 3 s of waiting (fails as soon as a third call is made)
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sf.apiCalls() - before <= 2);

            harness.client().resource(harness.get(IntegrationUser.class, "u1")).delete();   // Deactivate frees a seat
            await().atMost(Duration.ofSeconds(90)).until(() -> harness.get(IntegrationUser.class, "u6").getStatus().isTrue("Ready"));
            assertThat(sf.query("SELECT Id FROM User WHERE Username = 'u6@acme.example.com' AND IsActive = true")).hasSize(1);
        }
    }
}
