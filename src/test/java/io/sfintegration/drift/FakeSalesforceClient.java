package io.sfintegration.drift;

import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.AuditEntry;
import io.sfintegration.salesforce.BudgetExhaustedException;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** An org in memory for the scanner's unit tests: each read is one call; every write is counted and refused. */
final class FakeSalesforceClient implements io.sfintegration.salesforce.SalesforceClient {

    final Map<String, UserState> users = new ConcurrentHashMap<>();
    final Map<String, PermissionSetState> permissionSets = new ConcurrentHashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    volatile OrgInventory inventory = new OrgInventory(List.of(), List.of());
    volatile boolean recordsChangedSince;
    volatile boolean budgetExhausted;
    final OrgSnapshot snapshot;
    final AtomicLong calls = new AtomicLong();
    final AtomicInteger writes = new AtomicInteger();
    final List<Instant> probedSince = new ArrayList<>();

    /** What each read costs in API calls; one call each unless a test models the REST client's batching. */
    interface Costs {
        default long users(int ids, int assignmentRows) {
            return 1;
        }

        default long permissionSets(int names, int objectRows, int fieldRows) {
            return 1;
        }

        default long inventory(int users, int permissionSets) {
            return 1;
        }
    }

    volatile Costs costs = new Costs() {
    };

    FakeSalesforceClient(OrgSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    private void call() {
        call(1);
    }

    private void call(long n) {
        if (budgetExhausted) {
            throw new BudgetExhaustedException("background share of 10% of the daily allocation used");
        }
        calls.addAndGet(n);
    }

    private <T> T write() {
        writes.incrementAndGet();
        throw new UnsupportedOperationException("the drift scanner never writes to Salesforce");
    }

    @Override
    public OrgSnapshot describeOrg(Collection<String> licenseNames, Collection<String> profileNames) {
        call();
        return snapshot;
    }

    @Override
    public ApiLimit lastKnownApiLimit() {
        return null;
    }

    @Override
    public Map<String, UserState> findUsersByUsername(Collection<String> usernames) {
        call();
        Map<String, UserState> out = new LinkedHashMap<>();
        users.values().stream().filter(u -> usernames.stream().anyMatch(n -> n.equalsIgnoreCase(u.user().username())))
                .forEach(u -> out.put(u.user().username().toLowerCase(Locale.ROOT), u));
        return out;
    }

    @Override
    public Map<String, UserState> findUsersById(Collection<String> userIds) {
        Map<String, UserState> out = new LinkedHashMap<>();
        userIds.forEach(id -> {
            UserState s = users.get(id);
            if (s != null) {
                out.put(id, s);
            }
        });
        call(costs.users(userIds.size(), out.values().stream().mapToInt(u -> u.permissionSetAssignments().size()).max().orElse(0) * userIds.size()));
        return out;
    }

    @Override
    public List<ProvisioningResult> provisionUsers(List<UserProvisioning> users) {
        return write();
    }

    @Override
    public List<SaveResult> updateUsers(List<UserUpdate> updates) {
        return write();
    }

    @Override
    public List<SaveResult> setFrozen(List<FreezeChange> changes) {
        return write();
    }

    @Override
    public List<SaveResult> assignPermissionSetLicenses(List<NewAssignment> assignments) {
        return write();
    }

    @Override
    public List<SaveResult> assignPermissionSets(List<NewAssignment> assignments) {
        return write();
    }

    @Override
    public List<SaveResult> deleteRecords(List<String> ids) {
        return write();
    }

    @Override
    public Map<String, PermissionSetState> findPermissionSets(Collection<String> names) {
        Map<String, PermissionSetState> out = new LinkedHashMap<>();
        names.forEach(n -> {
            PermissionSetState s = permissionSets.get(n.toLowerCase(Locale.ROOT));
            if (s != null) {
                out.put(n.toLowerCase(Locale.ROOT), s);
            }
        });
        call(costs.permissionSets(names.size(), out.values().stream().mapToInt(p -> p.objectPermissions().size()).sum(),
                out.values().stream().mapToInt(p -> p.fieldPermissions().size()).sum()));
        return out;
    }

    @Override
    public SaveResult createPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects, List<FieldAccess> fieldPermissions) {
        return write();
    }

    @Override
    public SaveResult updatePermissionSet(String permissionSetId, PermissionSetFields fields) {
        return write();
    }

    @Override
    public List<SaveResult> applyPermissionChanges(String permissionSetId, PermissionChanges changes) {
        return write();
    }

    @Override
    public int countAssignments(String permissionSetId) {
        call();
        return 0;
    }

    @Override
    public SaveResult deletePermissionSet(String permissionSetId) {
        return write();
    }

    @Override
    public List<String> availableUserPermissions() {
        return List.of("ApiEnabled", "ViewSetup");
    }

    @Override
    public synchronized ChangeProbe probeChangesSince(Instant since) {
        call();
        probedSince.add(since);
        List<AuditEntry> rows = audit.stream().filter(a -> !a.createdDate().isBefore(since)).toList();
        return new ChangeProbe(rows, recordsChangedSince);
    }

    @Override
    public OrgInventory inventory(String userLicenseName, String permissionSetLicenseId) {
        call(costs.inventory(inventory.users().size(), inventory.permissionSets().size()));
        return inventory;
    }

    @Override
    public long apiCallsMade() {
        return calls.get();
    }

    @Override
    public io.sfintegration.salesforce.SalesforceClient background() {
        return this;
    }
}
