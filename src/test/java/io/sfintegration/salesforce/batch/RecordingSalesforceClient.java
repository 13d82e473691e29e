package io.sfintegration.salesforce.batch;

import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceUser;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A fake org for batching tests: records every call with its arguments, answers deterministically from the
 * arguments, and can be told to throw for a batch ({@link #beforeEachCall}) or to take time.
 */
final class RecordingSalesforceClient implements SalesforceClient {

    record Call(String method, List<?> args) {
    }

    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    /** Runs inside every recorded call, before it answers: throw to fail the batch, sleep to make it slow. */
    volatile Consumer<Call> beforeEachCall = c -> { };
    /** Stands for the delegate's budget-guarded view; only its identity matters. */
    final SalesforceClient backgroundView = (SalesforceClient) java.lang.reflect.Proxy.newProxyInstance(
            SalesforceClient.class.getClassLoader(), new Class<?>[] {SalesforceClient.class}, (p, m, a) -> null);

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method.equals(method)).toList();
    }

    private void record(String method, Collection<?> args) {
        Call call = new Call(method, List.copyOf(args));
        calls.add(call);
        beforeEachCall.accept(call);
    }

    static String idFor(String key) {
        return "005" + Integer.toHexString(key.toLowerCase(Locale.ROOT).hashCode());
    }

    static UserState user(String username) {
        UserFields fields = new UserFields(username, username, null, "Last", "a", null, null, null, null, null);
        return new UserState(new SalesforceUser(idFor(username), fields, "p", "l", true, null), null, List.of(), List.of());
    }

    @Override
    public Map<String, UserState> findUsersByUsername(Collection<String> usernames) {
        record("findUsersByUsername", usernames);
        Map<String, UserState> found = new HashMap<>();
        usernames.stream().filter(u -> !u.startsWith("missing"))
                .forEach(u -> found.put(u.toLowerCase(Locale.ROOT), user(u.toLowerCase(Locale.ROOT))));
        return found;
    }

    @Override
    public Map<String, UserState> findUsersById(Collection<String> userIds) {
        record("findUsersById", userIds);
        Map<String, UserState> found = new HashMap<>();
        userIds.forEach(id -> found.put(id, user("user-" + id)));
        return found;
    }

    @Override
    public Map<String, PermissionSetState> findPermissionSets(Collection<String> names) {
        record("findPermissionSets", names);
        Map<String, PermissionSetState> found = new HashMap<>();
        names.forEach(n -> found.put(n.toLowerCase(Locale.ROOT), new PermissionSetState("0PS" + n,
                new PermissionSetFields(n, n, null, null, java.util.Set.of()), false, List.of(), List.of())));
        return found;
    }

    @Override
    public List<ProvisioningResult> provisionUsers(List<UserProvisioning> users) {
        record("provisionUsers", users);
        return users.stream().map(u -> new ProvisioningResult(SaveResult.ok(idFor(u.user().username())),
                List.of(), List.of(), null)).toList();
    }

    /** Updates of users whose id ends in an odd digit fail with FIELD_INTEGRITY_EXCEPTION naming the id. */
    @Override
    public List<SaveResult> updateUsers(List<UserUpdate> updates) {
        record("updateUsers", updates);
        List<SaveResult> results = new ArrayList<>();
        for (UserUpdate u : updates) {
            int last = u.userId().charAt(u.userId().length() - 1) - '0';
            results.add(last % 2 == 1
                    ? SaveResult.failed(List.of(SalesforceError.of("FIELD_INTEGRITY_EXCEPTION", u.userId())))
                    : SaveResult.ok(u.userId()));
        }
        return results;
    }

    @Override
    public List<SaveResult> setFrozen(List<FreezeChange> changes) {
        record("setFrozen", changes);
        return changes.stream().map(c -> SaveResult.ok(c.userLoginId())).toList();
    }

    @Override
    public List<SaveResult> assignPermissionSetLicenses(List<NewAssignment> assignments) {
        record("assignPermissionSetLicenses", assignments);
        return assignments.stream().map(a -> SaveResult.ok("2LA" + a.assigneeId())).toList();
    }

    @Override
    public List<SaveResult> assignPermissionSets(List<NewAssignment> assignments) {
        record("assignPermissionSets", assignments);
        return assignments.stream().map(a -> SaveResult.ok("0Pa" + a.assigneeId())).toList();
    }

    @Override
    public List<SaveResult> deleteRecords(List<String> ids) {
        record("deleteRecords", ids);
        return ids.stream().map(SaveResult::ok).toList();
    }

    @Override
    public OrgSnapshot describeOrg(Collection<String> licenseNames, Collection<String> profileNames) {
        record("describeOrg", List.of(licenseNames, profileNames));
        return new OrgSnapshot("00D", "org", "005op", new ApiLimit(1, 100), List.of(), List.of());
    }

    @Override
    public ApiLimit lastKnownApiLimit() {
        return new ApiLimit(1, 100);
    }

    @Override
    public SaveResult createPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects, List<FieldAccess> fieldPermissions) {
        record("createPermissionSet", List.of(fields));
        return SaveResult.ok("0PSnew");
    }

    @Override
    public List<SaveResult> createPermissionSets(List<io.sfintegration.salesforce.NewPermissionSet> sets) {
        record("createPermissionSets", sets);
        return sets.stream().map(s -> SaveResult.ok("0PS" + s.fields().name())).toList();
    }

    @Override
    public SaveResult updatePermissionSet(String permissionSetId, PermissionSetFields fields) {
        record("updatePermissionSet", List.of(permissionSetId));
        return SaveResult.ok(permissionSetId);
    }

    @Override
    public List<SaveResult> applyPermissionChanges(String permissionSetId, PermissionChanges changes) {
        record("applyPermissionChanges", List.of(permissionSetId));
        return List.of();
    }

    @Override
    public int countAssignments(String permissionSetId) {
        record("countAssignments", List.of(permissionSetId));
        return 7;
    }

    @Override
    public SaveResult deletePermissionSet(String permissionSetId) {
        record("deletePermissionSet", List.of(permissionSetId));
        return SaveResult.ok(permissionSetId);
    }

    @Override
    public List<String> availableUserPermissions() {
        return List.of("ApiEnabled");
    }

    @Override
    public ChangeProbe probeChangesSince(Instant since) {
        record("probeChangesSince", List.of(since));
        return new ChangeProbe(List.of(), false);
    }

    @Override
    public io.sfintegration.salesforce.OrgInventory inventory(String userLicenseName, String permissionSetLicenseId) {
        record("inventory", List.of(userLicenseName));
        return new io.sfintegration.salesforce.OrgInventory(List.of(), List.of());
    }

    @Override
    public long apiCallsMade() {
        return 0;
    }

    @Override
    public SalesforceClient background() {
        return backgroundView;
    }
}
