package io.sfintegration.salesforce;

import java.util.List;

/**
 * What in the org looks like the operator's: users on the integration user licence and permission sets that require
 * the integration permission set licence. The drift scan reports those no resource claims; it never deletes them.
 */
public record OrgInventory(List<SalesforceUser> users, List<PermissionSetSummary> permissionSets) {

    public record PermissionSetSummary(String id, String name, String label) {
    }
}
