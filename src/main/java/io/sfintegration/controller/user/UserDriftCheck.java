package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
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

    private static final OwnershipRecord NO_RECORD = new OwnershipRecord(null, null, null, null, false, List.of(), List.of());

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
        return differences(user, desired, actual);
    }

    /** The same, for a spec already resolved (the Observe reconcile resolves once for the plan and the status). */
    static List<String> differences(IntegrationUser user, DesiredUser desired, UserState actual) {
        List<String> out = new ArrayList<>(UserDiff.differences(desired, actual));
        OwnershipRecord record = OwnershipRecords.read(user).orElse(NO_RECORD);
        // markers say who manages the user; they are not part of what the spec asks for
        List<Assignment> sets = actual.permissionSetAssignments().stream().filter(a -> !isMarker(a)).toList();
        assignments(out, "permission set", sets, desired.permissionSetIdsByName(), record);
        assignments(out, "permission set licence", actual.permissionSetLicenseAssignments(), desired.licenseIdsByName(), record);
        return out;
    }

    private static boolean isMarker(Assignment a) {
        return Installation.isMarker(a.targetName());
    }

    private static void assignments(List<String> out, String what, List<Assignment> present, Map<String, String> desired, OwnershipRecord record) {
        for (Map.Entry<String, String> missing : UserAssignments.toAdd(present, desired)) {
            out.add(what + " " + missing.getKey() + ": expected assigned, found not assigned");
        }
        for (Assignment extra : UserAssignments.toRemove(present, desired, record)) {
            out.add(what + " " + extra.targetName() + ": expected not assigned, found assigned");
        }
    }

    /** Permission sets assigned by people (not in the spec, never assigned by the operator): reported, not drift. */
    public static List<String> unmanagedAssignments(IntegrationUser user, UserState actual) {
        OwnershipRecord record = OwnershipRecords.read(user).orElse(NO_RECORD);
        return actual.permissionSetAssignments().stream().filter(a -> !isMarker(a))
                .filter(a -> !record.ownsAssignment(a.id())).map(Assignment::targetName).sorted().toList();
    }
}
