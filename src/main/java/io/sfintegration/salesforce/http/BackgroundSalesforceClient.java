package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.BudgetExhaustedException;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.NewPermissionSet;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The view for background work: before every call it checks the operator's share of the daily allocation and throws
 * {@link BudgetExhaustedException} instead of calling once it is used up.
 */
final class BackgroundSalesforceClient implements SalesforceClient {

    private final SalesforceClient delegate;
    private final Runnable budgetCheck;

    BackgroundSalesforceClient(SalesforceClient delegate, Runnable budgetCheck) {
        this.delegate = delegate;
        this.budgetCheck = budgetCheck;
    }

    private SalesforceClient checked() {
        budgetCheck.run();
        return delegate;
    }

    @Override
    public OrgSnapshot describeOrg(Collection<String> licenseNames, Collection<String> profileNames) {
        return checked().describeOrg(licenseNames, profileNames);
    }

    @Override
    public ApiLimit lastKnownApiLimit() {
        return delegate.lastKnownApiLimit();
    }

    @Override
    public Map<String, UserState> findUsersByUsername(Collection<String> usernames) {
        return checked().findUsersByUsername(usernames);
    }

    @Override
    public Map<String, UserState> findUsersById(Collection<String> userIds) {
        return checked().findUsersById(userIds);
    }

    @Override
    public List<ProvisioningResult> provisionUsers(List<UserProvisioning> users) {
        return checked().provisionUsers(users);
    }

    @Override
    public List<SaveResult> updateUsers(List<UserUpdate> updates) {
        return checked().updateUsers(updates);
    }

    @Override
    public List<SaveResult> setFrozen(List<FreezeChange> changes) {
        return checked().setFrozen(changes);
    }

    @Override
    public List<SaveResult> assignPermissionSetLicenses(List<NewAssignment> assignments) {
        return checked().assignPermissionSetLicenses(assignments);
    }

    @Override
    public List<SaveResult> assignPermissionSets(List<NewAssignment> assignments) {
        return checked().assignPermissionSets(assignments);
    }

    @Override
    public List<SaveResult> deleteRecords(List<String> ids) {
        return checked().deleteRecords(ids);
    }

    @Override
    public Map<String, PermissionSetState> findPermissionSets(Collection<String> names) {
        return checked().findPermissionSets(names);
    }

    @Override
    public Map<String, String> findSetupEntities(Collection<String> keys) {
        return checked().findSetupEntities(keys);
    }

    @Override
    public List<SaveResult> grantSetupEntities(List<io.sfintegration.salesforce.EntityGrant> grants) {
        return checked().grantSetupEntities(grants);
    }

    @Override
    public SaveResult createPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects,
                                          List<FieldAccess> fieldPermissions) {
        return checked().createPermissionSet(fields, objects, fieldPermissions);
    }

    @Override
    public List<SaveResult> createPermissionSets(List<NewPermissionSet> sets) {
        return checked().createPermissionSets(sets);
    }

    @Override
    public SaveResult updatePermissionSet(String permissionSetId, PermissionSetFields fields) {
        return checked().updatePermissionSet(permissionSetId, fields);
    }

    @Override
    public List<SaveResult> applyPermissionChanges(String permissionSetId, PermissionChanges changes) {
        return checked().applyPermissionChanges(permissionSetId, changes);
    }

    @Override
    public int countAssignments(String permissionSetId) {
        return checked().countAssignments(permissionSetId);
    }

    @Override
    public SaveResult deletePermissionSet(String permissionSetId) {
        return checked().deletePermissionSet(permissionSetId);
    }

    @Override
    public List<String> availableUserPermissions() {
        return checked().availableUserPermissions();
    }

    @Override
    public ChangeProbe probeChangesSince(Instant since) {
        return checked().probeChangesSince(since);
    }

    @Override
    public ChangeProbe probeChangesSince(Instant since, io.sfintegration.salesforce.ProbeScope scope) {
        return checked().probeChangesSince(since, scope);
    }

    @Override
    public OrgInventory inventory(String userLicenseName, String permissionSetLicenseId) {
        return checked().inventory(userLicenseName, permissionSetLicenseId);
    }

    @Override
    public long apiCallsMade() {
        return delegate.apiCallsMade();
    }

    @Override
    public SalesforceClient background() {
        return this;
    }

    @Override
    public String toString() {
        return "background " + delegate;
    }

    @Override
    public io.sfintegration.salesforce.OrgExportRead exportRead(java.time.Instant loginsSince) {
        return checked().exportRead(loginsSince);
    }

    @Override
    public Map<String, io.sfintegration.salesforce.PermissionSetGroupState> findPermissionSetGroups(Collection<String> names) {
        return checked().findPermissionSetGroups(names);
    }

    @Override
    public List<SaveResult> createPermissionSetGroups(List<io.sfintegration.salesforce.PermissionSetGroupFields> fields) {
        return checked().createPermissionSetGroups(fields);
    }

    @Override
    public SaveResult createPermissionSetGroup(io.sfintegration.salesforce.PermissionSetGroupFields fields) {
        return checked().createPermissionSetGroup(fields);
    }

    @Override
    public SaveResult updatePermissionSetGroup(String groupId, io.sfintegration.salesforce.PermissionSetGroupFields fields) {
        return checked().updatePermissionSetGroup(groupId, fields);
    }

    @Override
    public List<SaveResult> addGroupComponents(List<io.sfintegration.salesforce.GroupComponent> components) {
        return checked().addGroupComponents(components);
    }

    @Override
    public SaveResult saveMutingPermissionSet(String id, io.sfintegration.salesforce.PermissionSetGroupFields fields,
                                              java.util.Set<String> muted) {
        return checked().saveMutingPermissionSet(id, fields, muted);
    }
}
