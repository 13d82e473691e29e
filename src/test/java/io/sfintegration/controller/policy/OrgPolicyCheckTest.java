package io.sfintegration.controller.policy;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.OrgPolicy;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrgPolicyCheckTest {

    @Test
    void theBuiltInListAppliesWithoutAPolicyInAnySpelling() {
        assertThat(OrgPolicyCheck.permissionSet(null, set("ApiEnabled", "ViewSetup"))).isEmpty();
        assertThat(OrgPolicyCheck.permissionSet(null, set("modifyalldata"))).get().asString().contains("modifyalldata");
        assertThat(OrgPolicyCheck.permissionSet(null, set("PermissionsAuthorApex"))).isPresent();
        for (String forbidden : OrgPolicyCheck.DEFAULT_FORBIDDEN_USER_PERMISSIONS) {
            assertThat(OrgPolicyCheck.permissionSet(new OrgPolicy(), set(forbidden))).as(forbidden).isPresent();
        }
    }

    @Test
    void aListReplacesTheBuiltInOne() {
        OrgPolicy none = new OrgPolicy();
        none.setForbiddenUserPermissions(List.of());
        assertThat(OrgPolicyCheck.permissionSet(none, set("ModifyAllData"))).isEmpty();
        OrgPolicy own = new OrgPolicy();
        own.setForbiddenUserPermissions(List.of("ViewSetup"));
        assertThat(OrgPolicyCheck.permissionSet(own, set("ViewSetup"))).isPresent();
        assertThat(OrgPolicyCheck.permissionSet(own, set("ManageUsers"))).isEmpty();
    }

    @Test
    void allowedPermissionSetNamesAreGlobs() {
        OrgPolicy policy = new OrgPolicy();
        policy.setAllowedPermissionSetNames(List.of("Team_A_*", "Shared_Read?"));
        assertThat(OrgPolicyCheck.user(policy, user("team_a_reader", "Shared_Read1"), false)).isEmpty();
        assertThat(OrgPolicyCheck.user(policy, user("Team_B_Reader"), false)).get().asString().contains("Team_B_Reader");
        assertThat(OrgPolicyCheck.user(policy, user("Shared_Read12"), false)).isPresent();
        assertThat(OrgPolicyCheck.user(null, user("Anything"), false)).as("absent on a SalesforceOrg: any").isEmpty();
        assertThat(OrgPolicyCheck.user(null, user("Anything"), true)).as("absent on a ClusterSalesforceOrg: none").isPresent();
    }

    private static PermissionSetSpec set(String... permissions) {
        PermissionSetSpec spec = new PermissionSetSpec();
        spec.setUserPermissions(List.of(permissions));
        return spec;
    }

    private static IntegrationUserSpec user(String... names) {
        IntegrationUserSpec spec = new IntegrationUserSpec();
        spec.setPermissionSets(java.util.Arrays.stream(names).map(PermissionSetReference::ofName).toList());
        return spec;
    }
}
