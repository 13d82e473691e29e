package io.sfintegration.salesforce;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The operator's only way to talk to one Salesforce org, in domain terms. Implementations batch (SOQL IN chunks,
 * sObject collections of 200, composite requests), retry transient failures, count every call and never expose
 * credentials. Bulk methods return results aligned with their input; a failure of one record does not fail the others.
 * Methods throw {@link SalesforceException} when the call as a whole fails.
 */
public interface SalesforceClient {

    // ---- org ----

    /**
     * Org id, the operator's own user id, API usage, the capacity of the named licences (user and permission set
     * licences, by name or developer name) and the named profiles: one composite call.
     */
    OrgSnapshot describeOrg(Collection<String> licenseNames, Collection<String> profileNames);

    /** The last API usage Salesforce reported (Sforce-Limit-Info), without a call; null before the first call. */
    ApiLimit lastKnownApiLimit();

    // ---- users ----

    /** Users by username (case-insensitive), with login, licence and permission set assignments; absent ones are missing from the map. Keys are lower-case usernames. */
    Map<String, UserState> findUsersByUsername(Collection<String> usernames);

    /** Users by id, with login and assignments. Keys are the 18-character ids given. */
    Map<String, UserState> findUsersById(Collection<String> userIds);

    /** Creates users with their licences and permission sets; one result per input, in order. */
    List<ProvisioningResult> provisionUsers(List<UserProvisioning> users);

    List<SaveResult> updateUsers(List<UserUpdate> updates);

    List<SaveResult> setFrozen(List<FreezeChange> changes);

    List<SaveResult> assignPermissionSetLicenses(List<NewAssignment> assignments);

    List<SaveResult> assignPermissionSets(List<NewAssignment> assignments);

    /** Deletes assignment or permission rows by id (never users). */
    List<SaveResult> deleteRecords(List<String> ids);

    // ---- permission sets ----

    /** Permission sets by API name (case-insensitive) with object and field permissions and setup entity grants. Keys are lower-case names. */
    Map<String, PermissionSetState> findPermissionSets(Collection<String> names);

    /** Creates a permission set with its permission rows; returns the permission set's result (rows are in the changes' results). */
    SaveResult createPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects, List<FieldAccess> fieldPermissions);

    /** Creates many permission sets with their rows, one result per set in order (rows as in {@link #createPermissionSet}). */
    default List<SaveResult> createPermissionSets(List<NewPermissionSet> sets) {
        return sets.stream().map(s -> createPermissionSet(s.fields(), s.objects(), s.fieldPermissions())).toList();
    }

    /** Writes label, description, licence and user permissions (every permission not listed is switched off). */
    SaveResult updatePermissionSet(String permissionSetId, PermissionSetFields fields);

    /** Applies permission row changes; one result per row: creates of objects, then fields, updates, deletes. */
    List<SaveResult> applyPermissionChanges(String permissionSetId, PermissionChanges changes);

    /**
     * Setup entities by type and name, keys from {@link SetupEntityType#key}: one query per type, all in one call. The
     * answer maps each found key to the entity's id; names the org does not have are missing.
     */
    default Map<String, String> findSetupEntities(Collection<String> keys) {
        throw new UnsupportedOperationException("findSetupEntities");
    }

    /** Creates SetupEntityAccess rows (sObject collections); one result per row, in order. Rows are removed with {@link #deleteRecords}. */
    default List<SaveResult> grantSetupEntities(List<EntityGrant> grants) {
        throw new UnsupportedOperationException("grantSetupEntities");
    }

    /** Number of PermissionSetAssignment rows of a permission set. */
    int countAssignments(String permissionSetId);

    SaveResult deletePermissionSet(String permissionSetId);

    /** The user permission names (without the "Permissions" prefix) this org's PermissionSet supports. Cached. */
    List<String> availableUserPermissions();

    // ---- permission set groups ----

    /**
     * Permission set groups by DeveloperName (case-insensitive) with their components and muting set (the one named
     * {@link PermissionSetGroupIds#mutingName}): one composite call per chunk. Keys are lower-case names.
     */
    default Map<String, PermissionSetGroupState> findPermissionSetGroups(Collection<String> names) {
        throw new UnsupportedOperationException("findPermissionSetGroups");
    }

    /** Creates a PermissionSetGroup (its Status then reads Updating until Salesforce has recalculated it). */
    default SaveResult createPermissionSetGroup(PermissionSetGroupFields fields) {
        throw new UnsupportedOperationException("createPermissionSetGroup");
    }

    /** Creates many groups (sObject collections); one result per group, in order. */
    default List<SaveResult> createPermissionSetGroups(List<PermissionSetGroupFields> groups) {
        return groups.stream().map(this::createPermissionSetGroup).toList();
    }

    /** Writes a group's label and description. */
    default SaveResult updatePermissionSetGroup(String groupId, PermissionSetGroupFields fields) {
        throw new UnsupportedOperationException("updatePermissionSetGroup");
    }

    /** Creates PermissionSetGroupComponent rows (sObject collections); one result per row. Removed with {@link #deleteRecords}. */
    default List<SaveResult> addGroupComponents(List<GroupComponent> components) {
        throw new UnsupportedOperationException("addGroupComponents");
    }

    /**
     * Creates (id null) or updates a MutingPermissionSet so that exactly the named user permissions are muted (every
     * other one is switched off).
     */
    default SaveResult saveMutingPermissionSet(String id, PermissionSetGroupFields fields, java.util.Set<String> mutedUserPermissions) {
        throw new UnsupportedOperationException("saveMutingPermissionSet");
    }

    // ---- drift ----

    /** SetupAuditTrail rows since the instant, and whether any managed record type changed since: one call. */
    ChangeProbe probeChangesSince(Instant since);

    /**
     * As {@link #probeChangesSince(Instant)}, but only records in the scope count as changed (one call). The audit
     * rows are all returned: which of them concern managed resources is the caller's to decide.
     */
    default ChangeProbe probeChangesSince(Instant since, ProbeScope scope) {
        return probeChangesSince(since);
    }

    /**
     * Users whose profile has the named user licence, and permission sets whose LicenseId is the given licence id
     * (null: none): one composite call, paging as needed.
     */
    OrgInventory inventory(String userLicenseName, String permissionSetLicenseId);

    /** API calls this client (and its views) has made so far, as Salesforce counts them (OAuth excluded). */
    long apiCallsMade();

    /**
     * A view of this client for non-essential (background) work such as drift scans: it throws
     * {@link BudgetExhaustedException} instead of calling once the operator has used its share of the daily allocation.
     */
    SalesforceClient background();

    /**
     * For the export command: every user of the org with assignments, logins since {@code loginsSince}, profiles'
     * API access and licence names. A one-off read that pages through everything; never used by reconciles.
     */
    default OrgExportRead exportRead(java.time.Instant loginsSince) {
        throw new UnsupportedOperationException("export is not supported by " + getClass().getSimpleName());
    }
}
