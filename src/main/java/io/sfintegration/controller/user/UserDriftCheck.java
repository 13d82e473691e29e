package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.UserState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * For the drift scan: what differs between an IntegrationUser's spec and the user read from Salesforce, as sentences
 * "what: expected X, found Y". Uses the same resolution as the controller, so the scan and the reconcile agree.
 */
public final class UserDriftCheck {

    private final DesiredUserResolver resolver;

    public UserDriftCheck(OrgCatalog catalog) {
        this.resolver = new DesiredUserResolver(catalog);
    }

    /**
     * @param permissionSetByRef PermissionSet resources of the user's namespace by name
     * @return the differences; empty when Salesforce matches, or when the spec cannot be resolved (the controller reports that)
     */
    public List<String> differences(IntegrationUser user, OrgAccess org, UserState actual,
                                    Function<String, Optional<PermissionSet>> permissionSetByRef) {
        DesiredUser desired;
        try {
            desired = resolver.resolve(user.getSpec(), org, permissionSetByRef);
        } catch (ResolutionException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>(UserDiff.differences(desired, actual));
        Set<String> managedSets = UserAssignments.previouslyManaged(user.getStatus() == null ? null : user.getStatus().getAssignedPermissionSets());
        Set<String> managedLicenses = UserAssignments.previouslyManaged(user.getStatus() == null ? null : user.getStatus().getAssignedPermissionSetLicenses());
        assignments(out, "permission set", actual.permissionSetAssignments(), desired.permissionSetIdsByName(), managedSets);
        assignments(out, "permission set licence", actual.permissionSetLicenseAssignments(), desired.licenseIdsByName(), managedLicenses);
        return out;
    }

    private static void assignments(List<String> out, String what, List<Assignment> present, Map<String, String> desired, Set<String> managed) {
        for (Map.Entry<String, String> missing : UserAssignments.toAdd(present, desired)) {
            out.add(what + " " + missing.getKey() + ": expected assigned, found not assigned");
        }
        for (Assignment extra : UserAssignments.toRemove(present, desired, managed)) {
            out.add(what + " " + extra.targetName() + ": expected not assigned, found assigned");
        }
    }

    /** Permission sets assigned by people (not in the spec, never assigned by the operator): reported, not drift. */
    public static List<String> unmanagedAssignments(IntegrationUser user, UserState actual) {
        Set<String> managed = UserAssignments.previouslyManaged(user.getStatus() == null ? null : user.getStatus().getAssignedPermissionSets());
        return actual.permissionSetAssignments().stream().map(Assignment::targetName)
                .filter(n -> !managed.contains(n)).sorted().toList();
    }
}
