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
        // an existing group bundles existing sets: named groups, and the sets a group names, are held to the same list
        io.sfintegration.api.v1alpha1.IntegrationUserSpec withGroup = user("Shared_Read1");
        io.sfintegration.api.v1alpha1.PermissionSetGroupReference admins = new io.sfintegration.api.v1alpha1.PermissionSetGroupReference();
        admins.setName("Admin_Bundle");
        withGroup.setPermissionSetGroups(new java.util.ArrayList<>(List.of(admins)));
        assertThat(OrgPolicyCheck.user(policy, withGroup, false)).get().asString().contains("permissionSetGroups name Admin_Bundle");
        io.sfintegration.api.v1alpha1.PermissionSetGroupSpec group = new io.sfintegration.api.v1alpha1.PermissionSetGroupSpec();
        group.setPermissionSets(new java.util.ArrayList<>(List.of(io.sfintegration.api.v1alpha1.PermissionSetReference.ofName("Team_B_Reader"),
                io.sfintegration.api.v1alpha1.PermissionSetReference.ofRef("own-set"))));
        assertThat(OrgPolicyCheck.group(policy, group, false)).get().asString().contains("permissionSets name Team_B_Reader");
        assertThat(OrgPolicyCheck.group(null, group, false)).isEmpty();
        assertThat(OrgPolicyCheck.group(null, group, true)).isPresent();
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
