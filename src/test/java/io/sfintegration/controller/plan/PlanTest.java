package io.sfintegration.controller.plan;

import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Plan lines are the drift check's sentences turned into actions, capped, with the Planned condition. */
class PlanTest {

    @Test
    void differencesBecomeActions() {
        List<String> plan = Plan.fromDifferences(List.of(
                "profile: expected 'Minimum Access - API Only Integrations', found 'System Administrator'",
                "permission set licence Salesforce API Integration: expected assigned, found not assigned",
                "permission set Old_Set: expected not assigned, found assigned",
                "active: expected false, found true",
                "frozen: expected true, found false",
                "objectPermissions Account: expected read, found none"), null);
        assertThat(plan).containsExactly(
                "profile: System Administrator -> Minimum Access - API Only Integrations",
                "assign permission set licence Salesforce API Integration",
                "unassign permission set Old_Set",
                "deactivate",
                "freeze",
                "add objectPermissions Account: read");
    }

    @Test
    void userPermissionListsBecomeOneLinePerPermission() {
        assertThat(Plan.fromDifferences(List.of("userPermissions: expected [ApiEnabled, RunReports], found [ApiEnabled, ModifyAllData]"),
                "Legacy_Integration")).containsExactly("remove permission ModifyAllData from Legacy_Integration",
                "add permission RunReports to Legacy_Integration");
    }

    @Test
    void longPlansAreCappedAndThePlannedConditionFollows() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add("assign permission set S" + i);
        }
        IntegrationUserStatus status = new IntegrationUserStatus();
        StatusConditions conditions = new StatusConditions(new MutableClock(java.time.Instant.parse("2026-12-01T00:00:00Z")));
        Plan.record(status, many, 3, conditions, status::setPlan, "");
        assertThat(status.getPlan()).hasSize(Plan.MAX_LINES).last().isEqualTo("... and 31 more changes");
        assertThat(status.condition("Planned").get().getStatus()).isEqualTo("True");
        assertThat(status.condition("Planned").get().getMessage()).startsWith("50 changes planned");

        Plan.record(status, List.of(), 4, conditions, status::setPlan, "");
        assertThat(status.getPlan()).isNull();
        assertThat(status.condition("Planned").get().getReason()).isEqualTo("NoChanges");
    }
}
