package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.PermissionSetGroupState;
import io.sfintegration.salesforce.SaveResult;

import java.util.List;

/**
 * Deletes a group the operator created, then its muting set (only one carrying this installation's tag). Salesforce
 * refuses to delete a group that is still assigned to users (DELETE_FAILED): that is waited for, never forced.
 */
final class GroupRetirement {

    /** done, or the reason it is not (yet). */
    record Result(boolean done, String message) {
    }

    private final Installation installation;

    GroupRetirement(Installation installation) {
        this.installation = installation;
    }

    Result retire(OrgAccess org, PermissionSetGroupState found) {
        SaveResult deleted = org.client().deleteRecords(List.of(found.id())).get(0);
        if (!deleted.success() && !gone(deleted)) {
            return new Result(false, "Permission set group " + found.fields().developerName() + " is not deleted yet: "
                    + deleted.errors().get(0).message() + " The finalizer stays until Salesforce accepts the delete.");
        }
        if (found.muting() != null && installation.id().equals(Installation.tagOwner(found.muting().fields().description()))) {
            SaveResult muting = org.client().deleteRecords(List.of(found.muting().id())).get(0);
            if (!muting.success() && !gone(muting)) {
                return new Result(false, "The muting permission set of group " + found.fields().developerName()
                        + " is not deleted yet: " + muting.errors().get(0).message());
            }
        }
        return new Result(true, null);
    }

    private static boolean gone(SaveResult result) {
        return result.hasErrorCode("ENTITY_IS_DELETED") || result.hasErrorCode("NOT_FOUND");
    }
}
