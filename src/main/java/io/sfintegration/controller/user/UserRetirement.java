package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.UserDeletionPolicy;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What happens in Salesforce when an IntegrationUser is deleted. Salesforce users are never deleted: Deactivate
 * (default) removes the assignments the operator made and deactivates the user, which frees its seat; Freeze removes
 * them and freezes the user; Orphan leaves everything as it is. Assignments made by people are never touched.
 */
final class UserRetirement {

    private final OrgCatalog catalog;
    private final EventRecorder events;

    UserRetirement(OrgCatalog catalog, EventRecorder events) {
        this.catalog = catalog;
        this.events = events;
    }

    void retire(IntegrationUser user, OrgAccess org) {
        UserDeletionPolicy policy = user.getSpec().getDeletionPolicy() == null ? UserDeletionPolicy.Deactivate : user.getSpec().getDeletionPolicy();
        String username = user.getSpec().getUsername();
        if (policy == UserDeletionPolicy.Orphan) {
            events.normal(user, "Orphaned", "Left user " + username + " and its assignments as they are in Salesforce");
            return;
        }
        String userId = user.getStatus().getUserId();
        UserState state = org.client().findUsersById(List.of(userId)).get(userId);
        if (state == null) {
            return;
        }
        Set<String> managedSets = UserAssignments.previouslyManaged(user.getStatus().getAssignedPermissionSets());
        Set<String> managedLicenses = UserAssignments.previouslyManaged(user.getStatus().getAssignedPermissionSetLicenses());
        List<String> doomed = new ArrayList<>();
        state.permissionSetAssignments().stream().filter(a -> managedSets.contains(a.targetName())).map(Assignment::id).forEach(doomed::add);
        List<String> doomedLicenses = state.permissionSetLicenseAssignments().stream()
                .filter(a -> managedLicenses.contains(a.targetName())).map(Assignment::id).toList();
        List<String> problems = new ArrayList<>();
        if (!doomed.isEmpty()) {
            failures(org.client().deleteRecords(doomed), problems);
        }
        if (!doomedLicenses.isEmpty()) {
            failures(org.client().deleteRecords(doomedLicenses), problems);
        }
        if (policy == UserDeletionPolicy.Deactivate && state.user().active()) {
            SaveResult r = org.client().updateUsers(List.of(new UserUpdate(userId, null, false))).get(0);
            if (r.success()) {
                catalog.adjustUsed(org.key(), LicenseKind.USER, state.user().userLicenseName(), -1);
            } else {
                problems.add("deactivating: " + UserConvergence.errors(r));
            }
        } else if (policy == UserDeletionPolicy.Freeze && state.login() != null && !state.login().frozen()) {
            SaveResult r = org.client().setFrozen(List.of(new FreezeChange(state.login().id(), true))).get(0);
            if (!r.success()) {
                problems.add("freezing: " + UserConvergence.errors(r));
            }
        }
        String done = (policy == UserDeletionPolicy.Deactivate ? "Deactivated" : "Froze") + " user " + username
                + " and removed " + (doomed.size() + doomedLicenses.size()) + " assignment(s) the operator had made; the user itself is kept, as Salesforce users cannot be deleted";
        if (problems.isEmpty()) {
            events.normal(user, policy == UserDeletionPolicy.Deactivate ? "Deactivated" : "Frozen", done);
        } else {
            events.warning(user, "RetireIncomplete", done + ", but: " + String.join("; ", problems));
        }
    }

    private static void failures(List<SaveResult> results, List<String> problems) {
        results.stream().filter(r -> !r.success() && !r.hasErrorCode("ENTITY_IS_DELETED"))
                .forEach(r -> problems.add("unassigning: " + UserConvergence.errors(r)));
    }

}
