package io.sfintegration.salesforce.http;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-reconcile call budget is enforced where requests leave the client: every attempt is charged, the request
 * beyond the budget is refused before it is sent, and requests made with no budget open are not charged.
 */
@EnableKubernetesMockClient(crud = true)
class CallBudgetEnforcementTest {

    static KubernetesClient kubernetes;
    // the production retry count (4 attempts), with short pauses; a breaker that does not open during the test
    private static final ResilienceSettings SETTINGS = ResilienceSettings.defaults()
            .withRetry(ResilienceSettings.defaults().maxAttempts(), Duration.ofMillis(1), Duration.ofMillis(5))
            .withCircuitBreaker(100f, 100, 100, Duration.ofMillis(300), 1);
    private static EmulatorAccess emulator;

    private SalesforceClientProvider provider;
    private SalesforceClient client;

    @BeforeAll
    static void start() {
        emulator = EmulatorAccess.start(null, 5);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void clear() {
        emulator.clearFaults();
    }

    private void connect(String name) {
        TestOrgs.secret(kubernetes, name, Map.of("token", emulator.accessToken()));
        provider = new SalesforceClientProvider(kubernetes, new SimpleMeterRegistry(), SETTINGS,
                TrustedUrls.withExtra(List.of(emulator.baseUrl())));
        client = provider.forOrg(TestOrgs.org(name, emulator.baseUrl(), TestOrgs.staticToken(name), 10));
    }

    @Test
    void theRequestBeyondTheBudgetIsRefusedAndNotSent() {
        connect("budget-exact");
        CallBudgets budgets = provider.budgets();
        int limit = budgets.limit(CallBudgets.Kind.INTEGRATION_USER, 0);
        assertThat(limit).as("attempts x requests of an IntegrationUser reconcile").isEqualTo(4 * 15);
        long before = emulator.apiCalls();
        int answered = 0;
        try (CallBudgets.Scope scope = budgets.open(CallBudgets.Kind.INTEGRATION_USER, "IntegrationUser test/loop", 0)) {
            // a reconcile gone wrong: it calls in a loop; the budget stops it at exactly its bound
            for (int i = 0; i < limit * 2; i++) {
                try {
                    client.describeOrg(List.of(), List.of());
                    answered++;
                } catch (CallBudgetExceededException e) {
                    assertThat(e.limit()).isEqualTo(limit);
                    assertThat(e.getMessage()).contains("IntegrationUser test/loop", "budget of " + limit);
                    break;
                }
            }
            assertThat(answered).isEqualTo(limit);
            assertThat(scope.budget().used()).isEqualTo(limit);
        }
        assertThat(emulator.apiCalls() - before).as("requests that reached Salesforce").isEqualTo(limit);
        // closed: requests are charged to no one again
        client.describeOrg(List.of(), List.of());
        assertThat(emulator.apiCalls() - before).isEqualTo(limit + 1);
        CallBudgets.Observed observed = budgets.observed().get(0);
        assertThat(observed.maxCalls()).isEqualTo(limit);
        assertThat(observed.refusals()).isEqualTo(1);
    }

    @Test
    void everyRetryAttemptIsChargedAndTheBudgetIsNeverRetried() {
        connect("budget-retries");
        CallBudgets budgets = provider.budgets();
        int limit = budgets.limit(CallBudgets.Kind.SALESFORCE_ORG, 0);
        assertThat(limit).as("one describe, four attempts").isEqualTo(4);
        emulator.failNextCalls(1_000, 503);
        long before = emulator.apiCalls();
        try (CallBudgets.Scope scope = budgets.open(CallBudgets.Kind.SALESFORCE_ORG, "SalesforceOrg test/down", 0)) {
            assertThatThrownBy(() -> client.describeOrg(List.of(), List.of()))
                    .isInstanceOf(SalesforceException.class).isNotInstanceOf(CallBudgetExceededException.class);
            assertThat(scope.budget().used()).isEqualTo(4.0);
            long afterRetries = emulator.apiCalls() - before;
            assertThat(afterRetries).as("the four attempts reached the emulator").isEqualTo(4);
            // a second describe in the same reconcile would be a fifth request: refused at once, without a retry
            assertThatThrownBy(() -> client.describeOrg(List.of(), List.of()))
                    .isInstanceOf(CallBudgetExceededException.class);
            assertThat(emulator.apiCalls() - before).isEqualTo(afterRetries);
        }
    }
}
