package io.sfintegration.salesforce.batch;

import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.EntityGrant;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.NewPermissionSet;
import io.sfintegration.salesforce.ObjectAccess;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link SalesforceClient} for one org that merges the small concurrent calls of many reconciles into few large
 * delegate calls, so that a burst of users costs a fraction of an API call each (the delegate already turns a
 * multi-element call into SOQL IN chunks and sObject collections of 200).
 * <p>
 * The lookups ({@code findUsersByUsername}, {@code findUsersById}, {@code findPermissionSets}) and the bulk writes
 * ({@code provisionUsers}, {@code createPermissionSets}, {@code updateUsers}, {@code setFrozen}, {@code assignPermissionSetLicenses},
 * {@code assignPermissionSets}, {@code deleteRecords}) each have their own {@link MicroBatcher}; see
 * {@link BatchSettings} for when a batch is sent. Callers block until their batch has run and get only their own
 * results; a delegate exception reaches every caller of that batch and no other. Lookup keys are deduplicated
 * (usernames and permission set names case-insensitively). Everything else passes straight through, and
 * {@link #background()} is the delegate's background view (drift scans are bulk already).
 * <p>
 * Owns one daemon timer thread and a cached pool of daemon threads that run the batches; {@link #close()} stops them
 * and fails waiting callers with a retryable exception.
 */
public final class CoalescingSalesforceClient implements SalesforceClient, AutoCloseable {

    private static final UnaryOperator<String> LOWER_CASE = s -> s.toLowerCase(Locale.ROOT);

    private final SalesforceClient delegate;
    private final CallBudgets budgets;
    private final ScheduledExecutorService timer;
    private final ExecutorService runner;

    private final KeyedLookup<UserState> usersByUsername;
    private final KeyedLookup<UserState> usersById;
    private final KeyedLookup<PermissionSetState> permissionSetsByName;
    private final MicroBatcher<String, UserState> findUsersByUsername;
    private final MicroBatcher<String, UserState> findUsersById;
    private final MicroBatcher<String, PermissionSetState> findPermissionSets;
    private final MicroBatcher<UserProvisioning, ProvisioningResult> provisionUsers;
    private final MicroBatcher<NewPermissionSet, SaveResult> createPermissionSets;
    private final MicroBatcher<UserUpdate, SaveResult> updateUsers;
    private final MicroBatcher<FreezeChange, SaveResult> setFrozen;
    private final MicroBatcher<NewAssignment, SaveResult> assignPermissionSetLicenses;
    private final MicroBatcher<NewAssignment, SaveResult> assignPermissionSets;
    private final MicroBatcher<String, SaveResult> deleteRecords;
    private final KeyedLookup<String> setupEntitiesByKey;
    private final MicroBatcher<String, String> findSetupEntities;
    private final MicroBatcher<EntityGrant, SaveResult> grantSetupEntities;
    private final KeyedLookup<io.sfintegration.salesforce.PermissionSetGroupState> groupsByName;
    private final MicroBatcher<String, io.sfintegration.salesforce.PermissionSetGroupState> findPermissionSetGroups;
    private final MicroBatcher<io.sfintegration.salesforce.PermissionSetGroupFields, SaveResult> createPermissionSetGroups;
    private final MicroBatcher<io.sfintegration.salesforce.GroupComponent, SaveResult> addGroupComponents;
    private final List<MicroBatcher<?, ?>> batchers;

    public CoalescingSalesforceClient(SalesforceClient delegate) {
        this(delegate, BatchSettings.defaults());
    }

    public CoalescingSalesforceClient(SalesforceClient delegate, BatchSettings settings) {
        this(delegate, settings, null);
    }

    /**
     * @param budgets charged for each batch, every caller its share (see {@link CallBudgets#shared}); null: no budgets
     */
    public CoalescingSalesforceClient(SalesforceClient delegate, BatchSettings settings, CallBudgets budgets) {
        this.delegate = delegate;
        this.budgets = budgets;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("sf-batch-timer"));
        this.runner = Executors.newCachedThreadPool(daemonThreads("sf-batch-runner"));

        usersByUsername = new KeyedLookup<>(delegate::findUsersByUsername, LOWER_CASE);
        usersById = new KeyedLookup<>(delegate::findUsersById, UnaryOperator.identity());
        permissionSetsByName = new KeyedLookup<>(delegate::findPermissionSets, LOWER_CASE);
        findUsersByUsername = batcher("findUsersByUsername", settings, usersByUsername);
        findUsersById = batcher("findUsersById", settings, usersById);
        findPermissionSets = batcher("findPermissionSets", settings, permissionSetsByName);
        provisionUsers = batcher("provisionUsers", settings, delegate::provisionUsers);
        createPermissionSets = batcher("createPermissionSets", settings, delegate::createPermissionSets);
        updateUsers = batcher("updateUsers", settings, delegate::updateUsers);
        setFrozen = batcher("setFrozen", settings, delegate::setFrozen);
        assignPermissionSetLicenses = batcher("assignPermissionSetLicenses", settings, delegate::assignPermissionSetLicenses);
        assignPermissionSets = batcher("assignPermissionSets", settings, delegate::assignPermissionSets);
        deleteRecords = batcher("deleteRecords", settings, delegate::deleteRecords);
        setupEntitiesByKey = new KeyedLookup<>(delegate::findSetupEntities, LOWER_CASE);
        findSetupEntities = batcher("findSetupEntities", settings, setupEntitiesByKey);
        grantSetupEntities = batcher("grantSetupEntities", settings, delegate::grantSetupEntities);
        groupsByName = new KeyedLookup<>(delegate::findPermissionSetGroups, LOWER_CASE);
        findPermissionSetGroups = batcher("findPermissionSetGroups", settings, groupsByName);
        createPermissionSetGroups = batcher("createPermissionSetGroups", settings, delegate::createPermissionSetGroups);
        addGroupComponents = batcher("addGroupComponents", settings, delegate::addGroupComponents);
        batchers = List.of(findUsersByUsername, findUsersById, findPermissionSets, provisionUsers, createPermissionSets, updateUsers,
                setFrozen, assignPermissionSetLicenses, assignPermissionSets, deleteRecords, findSetupEntities, grantSetupEntities,
                findPermissionSetGroups, createPermissionSetGroups, addGroupComponents);
    }

    private <I, O> MicroBatcher<I, O> batcher(String name, BatchSettings settings, BatchFunction<I, O> function) {
        return new MicroBatcher<>(name, settings, function, timer, runner, budgets);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- coalesced ----

    @Override
    public Map<String, UserState> findUsersByUsername(Collection<String> usernames) {
        return find(findUsersByUsername, usersByUsername, usernames);
    }

    @Override
    public Map<String, UserState> findUsersById(Collection<String> userIds) {
        return find(findUsersById, usersById, userIds);
    }

    @Override
    public Map<String, PermissionSetState> findPermissionSets(Collection<String> names) {
        return find(findPermissionSets, permissionSetsByName, names);
    }

    @Override
    public Map<String, String> findSetupEntities(Collection<String> keys) {
        return find(findSetupEntities, setupEntitiesByKey, keys);
    }

    @Override
    public List<SaveResult> grantSetupEntities(List<EntityGrant> grants) {
        return grantSetupEntities.call(grants);
    }

    private static <V> Map<String, V> find(MicroBatcher<String, V> batcher, KeyedLookup<V> lookup, Collection<String> keys) {
        List<String> own = List.copyOf(keys);
        return lookup.toMap(own, batcher.call(own));
    }

    @Override
    public List<ProvisioningResult> provisionUsers(List<UserProvisioning> users) {
        return provisionUsers.call(users);
    }

    @Override
    public List<SaveResult> updateUsers(List<UserUpdate> updates) {
        return updateUsers.call(updates);
    }

    @Override
    public List<SaveResult> setFrozen(List<FreezeChange> changes) {
        return setFrozen.call(changes);
    }

    @Override
    public List<SaveResult> assignPermissionSetLicenses(List<NewAssignment> assignments) {
        return assignPermissionSetLicenses.call(assignments);
    }

    @Override
    public List<SaveResult> assignPermissionSets(List<NewAssignment> assignments) {
        return assignPermissionSets.call(assignments);
    }

    @Override
    public List<SaveResult> deleteRecords(List<String> ids) {
        return deleteRecords.call(ids);
    }

    @Override
    public SaveResult createPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects,
                                          List<FieldAccess> fieldPermissions) {
        return createPermissionSets.call(List.of(new NewPermissionSet(fields, objects, fieldPermissions))).get(0);
    }

    @Override
    public List<SaveResult> createPermissionSets(List<NewPermissionSet> sets) {
        return createPermissionSets.call(sets);
    }

    // ---- straight through ----

    @Override
    public OrgSnapshot describeOrg(Collection<String> licenseNames, Collection<String> profileNames) {
        return delegate.describeOrg(licenseNames, profileNames);
    }

    @Override
    public ApiLimit lastKnownApiLimit() {
        return delegate.lastKnownApiLimit();
    }

    @Override
    public SaveResult updatePermissionSet(String permissionSetId, PermissionSetFields fields) {
        return delegate.updatePermissionSet(permissionSetId, fields);
    }

    @Override
    public List<SaveResult> applyPermissionChanges(String permissionSetId, PermissionChanges changes) {
        return delegate.applyPermissionChanges(permissionSetId, changes);
    }

    @Override
    public int countAssignments(String permissionSetId) {
        return delegate.countAssignments(permissionSetId);
    }

    @Override
    public SaveResult deletePermissionSet(String permissionSetId) {
        return delegate.deletePermissionSet(permissionSetId);
    }

    @Override
    public List<String> availableUserPermissions() {
        return delegate.availableUserPermissions();
    }

    @Override
    public ChangeProbe probeChangesSince(Instant since) {
        return delegate.probeChangesSince(since);
    }

    @Override
    public ChangeProbe probeChangesSince(Instant since, io.sfintegration.salesforce.ProbeScope scope) {
        return delegate.probeChangesSince(since, scope);
    }

    @Override
    public OrgInventory inventory(String userLicenseName, String permissionSetLicenseId) {
        return delegate.inventory(userLicenseName, permissionSetLicenseId);
    }

    @Override
    public long apiCallsMade() {
        return delegate.apiCallsMade();
    }

    @Override
    public SalesforceClient background() {
        return delegate.background();
    }

    /**
     * Fails every caller still waiting (retryable SalesforceException), refuses further coalesced calls and stops the
     * threads; delegate calls already running are interrupted. Does not close the delegate.
     */
    @Override
    public void close() {
        batchers.forEach(MicroBatcher::close);
        timer.shutdownNow();
        runner.shutdownNow();
    }

    @Override
    public io.sfintegration.salesforce.OrgExportRead exportRead(java.time.Instant loginsSince) {
        return delegate.exportRead(loginsSince);
    }

    @Override
    public Map<String, io.sfintegration.salesforce.PermissionSetGroupState> findPermissionSetGroups(Collection<String> names) {
        return find(findPermissionSetGroups, groupsByName, names);
    }

    @Override
    public SaveResult createPermissionSetGroup(io.sfintegration.salesforce.PermissionSetGroupFields fields) {
        return createPermissionSetGroups.call(List.of(fields)).get(0);
    }

    @Override
    public List<SaveResult> createPermissionSetGroups(List<io.sfintegration.salesforce.PermissionSetGroupFields> fields) {
        return createPermissionSetGroups.call(fields);
    }

    @Override
    public SaveResult updatePermissionSetGroup(String groupId, io.sfintegration.salesforce.PermissionSetGroupFields fields) {
        return delegate.updatePermissionSetGroup(groupId, fields);
    }

    @Override
    public List<SaveResult> addGroupComponents(List<io.sfintegration.salesforce.GroupComponent> components) {
        return addGroupComponents.call(components);
    }

    @Override
    public SaveResult saveMutingPermissionSet(String id, io.sfintegration.salesforce.PermissionSetGroupFields fields,
                                              java.util.Set<String> muted) {
        return delegate.saveMutingPermissionSet(id, fields, muted);
    }
}
