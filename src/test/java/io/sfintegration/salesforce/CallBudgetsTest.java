package io.sfintegration.salesforce;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stated bounds and how a coalesced batch charges the reconciles that take part in it. */
class CallBudgetsTest {

    private final CallBudgets budgets = new CallBudgets(4);

    @Test
    void theStatedBoundsAreAttemptsTimesRequests() {
        assertThat(budgets.limit(CallBudgets.Kind.SALESFORCE_ORG, 0)).isEqualTo(4);
        assertThat(budgets.limit(CallBudgets.Kind.INTEGRATION_USER, 0)).isEqualTo(60);
        assertThat(budgets.limit(CallBudgets.Kind.INTEGRATION_USER_DELETE, 0)).isEqualTo(20);
        // per 200 rows: 4 permission-row operations and 3 grant operations (find, create, delete)
        assertThat(budgets.limit(CallBudgets.Kind.PERMISSION_SET, 0)).isEqualTo(4 * 12);
        assertThat(budgets.limit(CallBudgets.Kind.PERMISSION_SET, 200)).isEqualTo(4 * 12);
        // 201..400 rows: two collections per row operation
        assertThat(budgets.limit(CallBudgets.Kind.PERMISSION_SET, 201)).isEqualTo(4 * 19);
        // 2,000 rows: a second page to read, ten collections per row operation
        assertThat(budgets.limit(CallBudgets.Kind.PERMISSION_SET, 2_000)).isEqualTo(4 * (5 + 1 + 70));
        assertThat(budgets.limit(CallBudgets.Kind.PERMISSION_SET_DELETE, 0)).isEqualTo(20);
    }

    @Test
    void aSharedCallChargesEachParticipantItsShareAndRefusesOnlyTheOneThatRanOut() {
        CallBudget small = open(CallBudgets.Kind.SALESFORCE_ORG);   // 4 calls
        CallBudget large = open(CallBudgets.Kind.INTEGRATION_USER); // 60 calls
        Set<CallBudget> refused = new HashSet<>();
        budgets.shared(List.of(small, large), refused, () -> {
            for (int i = 0; i < 10; i++) {
                budgets.charge("composite");
            }
            return null;
        });
        // half a call each per request: the small budget is full after 8 requests and refused the 9th and 10th
        assertThat(small.used()).isEqualTo(4.0);
        assertThat(large.used()).isEqualTo(5.0);
        assertThat(refused).containsExactly(small);
    }

    @Test
    void aSharedRequestWhoseParticipantsAreAllRefusedIsNotSent() {
        CallBudget only = open(CallBudgets.Kind.SALESFORCE_ORG);
        int[] sent = {0};
        Set<CallBudget> refused = new HashSet<>();
        assertThatThrownBy(() -> budgets.shared(List.of(only), refused, () -> {
            for (int i = 0; i < 10; i++) {
                budgets.charge("query");
                sent[0]++;
            }
            return null;
        })).isInstanceOf(CallBudgetExceededException.class);
        assertThat(sent[0]).isEqualTo(4);
        // a caller without a budget keeps a shared call going for itself
        budgets.shared(java.util.Arrays.asList(only, null), refused, () -> {
            budgets.charge("query");
            sent[0]++;
            return null;
        });
        assertThat(sent[0]).isEqualTo(5);
    }

    @Test
    void nothingIsChargedOutsideAnOpenBudgetAndScopesNest() {
        budgets.charge("query");
        assertThat(budgets.current()).isNull();
        try (CallBudgets.Scope outer = budgets.open(CallBudgets.Kind.PERMISSION_SET, "outer", 0)) {
            try (CallBudgets.Scope inner = budgets.open(CallBudgets.Kind.SALESFORCE_ORG, "inner", 0)) {
                budgets.charge("query");
                assertThat(inner.budget().used()).isEqualTo(1.0);
            }
            budgets.charge("query");
            assertThat(outer.budget().used()).isEqualTo(1.0);
        }
        assertThat(budgets.current()).isNull();
    }

    private CallBudget open(CallBudgets.Kind kind) {
        try (CallBudgets.Scope scope = budgets.open(kind, kind.name(), 0)) {
            return scope.budget();
        }
    }
}
