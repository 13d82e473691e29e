package io.sfintegration.drift;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.salesforce.UserState;

import java.util.List;

/**
 * What a full read of one org found, as a value: nothing in it has been written anywhere yet ({@link DriftPublisher}
 * does that).
 *
 * @param checked   IntegrationUsers and PermissionSets compared
 * @param drifted   resources that differ
 * @param resolved  resources marked drifted that match again
 * @param unmanaged permission sets people assigned to managed users
 * @param seenUsers the managed users found in Salesforce, for their last-login and risk findings
 */
record OrgFindings(int checked, List<DriftFinding> drifted, List<DriftFinding> resolved, List<DriftReport.Orphan> orphans,
                   List<DriftReport.UnmanagedAssignments> unmanaged, List<SeenUser> seenUsers) {

    static final OrgFindings NONE = new OrgFindings(0, List.of(), List.of(), List.of(), List.of(), List.of());

    /** A managed user and its record as the full read found it. */
    record SeenUser(IntegrationUser user, UserState state) {
    }
}
