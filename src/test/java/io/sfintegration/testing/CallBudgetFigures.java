package io.sfintegration.testing;

import io.sfintegration.salesforce.CallBudgets;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The calls one reconcile used, per kind, against the stated bound (README "API call budget"), for the fault campaigns. */
public final class CallBudgetFigures {

    private CallBudgetFigures() {
    }

    /** "INTEGRATION_USER 7.5/60 (120 reconciles, 0 refused); ..." */
    public static String describe(Map<CallBudgets.Kind, CallBudgets.Observed> observed) {
        return observed.values().stream()
                .map(o -> String.format(Locale.ROOT, "%s %.2f/%d (%d reconciles, %d refused)", o.kind(), o.maxCalls(), o.maxLimit(),
                        o.reconciles(), o.refusals()))
                .collect(Collectors.joining("; "));
    }

    /** No reconcile needed more calls than its bound: none was refused (the budget enforces max <= bound by itself). */
    public static boolean withinBounds(Map<CallBudgets.Kind, CallBudgets.Observed> observed) {
        return observed.values().stream().allMatch(o -> o.refusals() == 0 && o.maxCalls() <= o.maxLimit());
    }

    public static void assertWithinBounds(Map<CallBudgets.Kind, CallBudgets.Observed> observed) {
        assertThat(observed).as("reconciles were observed").isNotEmpty();
        for (CallBudgets.Observed o : observed.values()) {
            assertThat(o.maxCalls()).as("%s: most calls of one reconcile against its bound", o.kind()).isLessThanOrEqualTo(o.maxLimit());
            assertThat(o.refusals()).as("%s: calls refused because a reconcile ran out of budget", o.kind()).isZero();
        }
    }
}
