package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.AuditEntry;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.NewPermissionSet;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgExportRead;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.EntityGrant;
import io.sfintegration.salesforce.SetupEntityType;
import io.sfintegration.salesforce.Profile;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SalesforceUser;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserLogin;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * {@link SalesforceClient} over the Salesforce REST API. Every call goes through the org's
 * {@link ResilientExchange} and is counted; every value put into SOQL goes through {@link Soql}.
 * <p>
 * API-call economy: lookups use IN lists (500 values / 20,000 characters per chunk) with up to 5 queries combined in
 * one composite request; writes use sObject collections of 200; a user with its licences, permission sets and freeze
 * is created with one composite request when only a few users are provisioned, in phases of collections otherwise.
 */
public final class RestSalesforceClient implements SalesforceClient {

    static final String USER_FIELDS = "Id, Username, Email, FirstName, LastName, Alias, TimeZoneSidKey, LocaleSidKey, "
            + "LanguageLocaleKey, EmailEncodingKey, ProfileId, Profile.Name, Profile.UserLicense.Name, IsActive, CreatedById, LastLoginDate";
    static final String OBJECT_PERMISSION_FIELDS = "Id, ParentId, SobjectType, PermissionsRead, PermissionsCreate, "
            + "PermissionsEdit, PermissionsDelete, PermissionsViewAllRecords, PermissionsModifyAllRecords";
    static final String FIELD_PERMISSION_FIELDS = "Id, ParentId, SobjectType, Field, PermissionsRead, PermissionsEdit";

    private static final String MALFORMED_ID = "MALFORMED_ID";

    private final String org;
    private final RestOperations rest;
    private final TokenProvider tokens;
    private final ApiUsageMeter usage;
    private final IntSupplier maxDailyPercent;
    private final ResilientExchange resilience;
    private final AtomicReference<List<String>> userPermissions = new AtomicReference<>();
    private final java.util.function.LongSupplier callsMade;
    private final GroupOperations groups;

    RestSalesforceClient(String org, RestOperations rest, TokenProvider tokens, ApiUsageMeter usage,
                         IntSupplier maxDailyPercent, ResilientExchange resilience, java.util.function.LongSupplier callsMade) {
        this.org = org;
        this.callsMade = callsMade;
        this.rest = rest;
        this.tokens = tokens;
        this.usage = usage;
        this.maxDailyPercent = maxDailyPercent;
        this.resilience = resilience;
        this.groups = new GroupOperations(rest, this::availableUserPermissions);
    }

    // ---------------------------------------------------------------- org

    @Override
    public OrgSnapshot describeOrg(Collection<String> licenseNames, Collection<String> profileNames) {
        List<String> licenses = distinct(licenseNames);
        List<String> profiles = distinct(profileNames);
        List<String> queries = new ArrayList<>();
        queries.add("SELECT Id, Name FROM Organization");
        if (!licenses.isEmpty()) {
            String in = Soql.inList(licenses);
            queries.add("SELECT Id, Name, MasterLabel, LicenseDefinitionKey, TotalLicenses, UsedLicenses FROM UserLicense"
                    + " WHERE Name IN " + in + " OR LicenseDefinitionKey IN " + in);
            queries.add("SELECT Id, MasterLabel, DeveloperName, TotalLicenses, UsedLicenses FROM PermissionSetLicense"
                    + " WHERE MasterLabel IN " + in + " OR DeveloperName IN " + in);
        }
        if (!profiles.isEmpty()) {
            String in = Soql.inList(profiles);
            queries.add("SELECT Id, Name, UserLicenseId, UserLicense.Name FROM Profile WHERE Name IN " + in);
            queries.add("SELECT Id, ProfileId, PermissionsApiUserOnly FROM PermissionSet"
                    + " WHERE IsOwnedByProfile = true AND Profile.Name IN " + in);
        }
        List<List<JsonNode>> results = rest.queries(queries);
        JsonNode organization = results.get(0).isEmpty() ? rest.json().createObjectNode() : results.get(0).get(0);
        List<License> licenseList = new ArrayList<>();
        List<Profile> profileList = new ArrayList<>();
        int next = 1;
        if (!licenses.isEmpty()) {
            for (JsonNode r : results.get(next++)) {
                licenseList.add(new License(JsonRecords.text(r, "Id"), JsonRecords.text(r, "Name"),
                        JsonRecords.text(r, "LicenseDefinitionKey"), LicenseKind.USER,
                        JsonRecords.integer(r, "TotalLicenses"), JsonRecords.integer(r, "UsedLicenses")));
            }
            for (JsonNode r : results.get(next++)) {
                licenseList.add(new License(JsonRecords.text(r, "Id"), JsonRecords.text(r, "MasterLabel"),
                        JsonRecords.text(r, "DeveloperName"), LicenseKind.PERMISSION_SET,
                        JsonRecords.integer(r, "TotalLicenses"), JsonRecords.integer(r, "UsedLicenses")));
            }
        }
        if (!profiles.isEmpty()) {
            List<JsonNode> profileRows = results.get(next++);
            Set<String> apiOnlyProfiles = new HashSet<>();
            for (JsonNode r : results.get(next)) {
                if (JsonRecords.bool(r, "PermissionsApiUserOnly")) {
                    apiOnlyProfiles.add(JsonRecords.text(r, "ProfileId"));
                }
            }
            for (JsonNode r : profileRows) {
                String id = JsonRecords.text(r, "Id");
                profileList.add(new Profile(id, JsonRecords.text(r, "Name"), JsonRecords.text(r, "UserLicenseId"),
                        JsonRecords.text(r, "UserLicense.Name"), apiOnlyProfiles.contains(id)));
            }
        }
        return new OrgSnapshot(JsonRecords.text(organization, "Id"), JsonRecords.text(organization, "Name"),
                tokens.operatorUserId(), usage.lastKnown(), licenseList, profileList);
    }

    @Override
    public ApiLimit lastKnownApiLimit() {
        return usage.lastKnown();
    }

    /** GET /limits: DailyApiRequests {Max, Remaining} (REST API Developer Guide, "Limits"). */
    ApiLimit fetchLimits() {
        JsonNode limits = rest.get("limits", "limits");
        JsonNode daily = JsonRecords.field(limits, "DailyApiRequests");
        if (daily.isObject()) {
            long max = JsonRecords.field(daily, "Max").asLong();
            long remaining = JsonRecords.field(daily, "Remaining").asLong();
            usage.observe(new ApiLimit(max - remaining, max));
        }
        return usage.lastKnown();
    }

    // ---------------------------------------------------------------- users

    @Override
    public Map<String, UserState> findUsersByUsername(Collection<String> usernames) {
        Map<String, UserState> found = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.forInList(distinct(usernames))) {
            String users = "SELECT Id FROM User WHERE Username IN " + Soql.inList(chunk);
            readUsers("Username IN " + Soql.inList(chunk), "IN (" + users + ")")
                    .forEach(state -> found.put(Soql.key(state.user().username()), state));
        }
        return found;
    }

    @Override
    public Map<String, UserState> findUsersById(Collection<String> userIds) {
        Map<String, UserState> found = new LinkedHashMap<>();
        List<String> ids = userIds.stream().filter(Soql::isId).map(Soql::id18).distinct().toList();
        for (List<String> chunk : Chunks.forInList(ids)) {
            String in = Soql.idList(chunk);
            readUsers("Id IN " + in, "IN " + in).forEach(state -> found.put(Soql.id18(state.user().id()), state));
        }
        return found;
    }

    /** One composite call: users, their logins, licence assignments and permission set assignments. */
    private List<UserState> readUsers(String userFilter, String assigneeFilter) {
        List<List<JsonNode>> rows = rest.queries(List.of(
                "SELECT " + USER_FIELDS + " FROM User WHERE " + userFilter,
                "SELECT Id, UserId, IsFrozen FROM UserLogin WHERE UserId " + assigneeFilter,
                "SELECT Id, AssigneeId, PermissionSetLicenseId, PermissionSetLicense.MasterLabel"
                        + " FROM PermissionSetLicenseAssign WHERE AssigneeId " + assigneeFilter,
                // the two risky permissions ride along in the assignment query: no extra call (issue 20)
                "SELECT Id, AssigneeId, PermissionSetId, PermissionSet.Name, PermissionSet.PermissionsModifyAllData,"
                        + " PermissionSet.PermissionsPasswordNeverExpires, PermissionSetGroupId, PermissionSetGroup.DeveloperName"
                        + " FROM PermissionSetAssignment"
                        + " WHERE (PermissionSet.IsOwnedByProfile = false OR PermissionSetGroupId != null) AND AssigneeId " + assigneeFilter));
        Map<String, UserLogin> logins = new HashMap<>();
        rows.get(1).forEach(r -> logins.put(key18(JsonRecords.text(r, "UserId")),
                new UserLogin(JsonRecords.text(r, "Id"), JsonRecords.text(r, "UserId"), JsonRecords.bool(r, "IsFrozen"))));
        Map<String, List<Assignment>> licenses = group(rows.get(2), "PermissionSetLicenseId", "PermissionSetLicense.MasterLabel");
        Map<String, List<Assignment>> sets = group(rows.get(3), "PermissionSetId", "PermissionSet.Name");
        Map<String, java.util.Set<String>> risky = new HashMap<>();
        for (JsonNode r : rows.get(3)) {
            for (String permission : List.of("ModifyAllData", "PasswordNeverExpires")) {
                if (JsonRecords.bool(r, "PermissionSet.Permissions" + permission)) {
                    risky.computeIfAbsent(key18(JsonRecords.text(r, "AssigneeId")), k -> new java.util.TreeSet<>()).add(permission);
                }
            }
        }
        List<UserState> states = new ArrayList<>();
        for (JsonNode r : rows.get(0)) {
            SalesforceUser user = user(r);
            String key = key18(user.id());
            states.add(new UserState(user, logins.get(key), licenses.getOrDefault(key, List.of()),
                    sets.getOrDefault(key, List.of()), risky.getOrDefault(key, java.util.Set.of())));
        }
        return states;
    }

    private static Map<String, List<Assignment>> group(List<JsonNode> rows, String targetField, String nameField) {
        Map<String, List<Assignment>> byAssignee = new HashMap<>();
        for (JsonNode r : rows) {
            String groupId = "PermissionSetId".equals(targetField) ? JsonRecords.text(r, "PermissionSetGroupId") : null;
            // a group's assignment: its target is the group, not the aggregate set PermissionSetId names
            Assignment a = groupId != null
                    ? new Assignment(JsonRecords.text(r, "Id"), JsonRecords.text(r, "AssigneeId"), groupId,
                    io.sfintegration.salesforce.PermissionSetGroupIds.display(JsonRecords.text(r, "PermissionSetGroup.DeveloperName")))
                    : new Assignment(JsonRecords.text(r, "Id"), JsonRecords.text(r, "AssigneeId"),
                    JsonRecords.text(r, targetField), JsonRecords.text(r, nameField));
            byAssignee.computeIfAbsent(key18(a.assigneeId()), k -> new ArrayList<>()).add(a);
        }
        return byAssignee;
    }

    private static SalesforceUser user(JsonNode r) {
        UserFields fields = new UserFields(JsonRecords.text(r, "Username"), JsonRecords.text(r, "Email"),
                JsonRecords.text(r, "FirstName"), JsonRecords.text(r, "LastName"), JsonRecords.text(r, "Alias"),
                JsonRecords.text(r, "TimeZoneSidKey"), JsonRecords.text(r, "LocaleSidKey"),
                JsonRecords.text(r, "LanguageLocaleKey"), JsonRecords.text(r, "EmailEncodingKey"),
                JsonRecords.text(r, "ProfileId"));
        return new SalesforceUser(JsonRecords.text(r, "Id"), fields, JsonRecords.text(r, "Profile.Name"),
                JsonRecords.text(r, "Profile.UserLicense.Name"), JsonRecords.bool(r, "IsActive"),
                JsonRecords.text(r, "CreatedById"), JsonRecords.instant(r, "LastLoginDate"));
    }

    private static String key18(String id) {
        return Soql.isId(id) ? Soql.id18(id) : String.valueOf(id);
    }

    @Override
    public List<ProvisioningResult> provisionUsers(List<UserProvisioning> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        if (users.size() == 1 && compositeSubrequests(users.get(0)) <= RestOperations.COMPOSITE_MAX_SUBREQUESTS) {
            return List.of(provisionWithComposite(users.get(0)));
        }
        return provisionInBulk(users);
    }

    private static int compositeSubrequests(UserProvisioning u) {
        return 1 + u.permissionSetLicenseIds().size() + u.permissionSetIds().size() + (u.frozen() ? 2 : 0);
    }

    /**
     * One composite request: the user, its licences, its permission sets (AssigneeId = @{user.id}), then, if frozen,
     * its UserLogin and the freeze. allOrNone=false: a failed assignment does not undo the user. When the user itself
     * failed transiently (nothing was created), the whole request is sent again with backoff.
     */
    private ProvisioningResult provisionWithComposite(UserProvisioning u) {
        List<Subrequest> subs = new ArrayList<>();
        subs.add(new Subrequest("POST", rest.path("sobjects/User"), "user", userBody(u.user(), u.active(), false)));
        for (int i = 0; i < u.permissionSetLicenseIds().size(); i++) {
            subs.add(new Subrequest("POST", rest.path("sobjects/PermissionSetLicenseAssign"), "psl" + i,
                    assignmentBody("PermissionSetLicenseAssign", "@{user.id}", "PermissionSetLicenseId",
                            u.permissionSetLicenseIds().get(i), false)));
        }
        for (int i = 0; i < u.permissionSetIds().size(); i++) {
            subs.add(new Subrequest("POST", rest.path("sobjects/PermissionSetAssignment"), "ps" + i,
                    assignmentBody("PermissionSetAssignment", "@{user.id}", "PermissionSetId",
                            u.permissionSetIds().get(i), false)));
        }
        if (u.frozen()) {
            // the reference stays unencoded so that Salesforce resolves it before running the query
            String soql = "SELECT Id FROM UserLogin WHERE UserId = '@{user.id}'";
            subs.add(new Subrequest("GET", rest.path("query?q=" + RestOperations.encode(soql)
                    .replace(RestOperations.encode("@{user.id}"), "@{user.id}")), "login", null));
            ObjectNode freeze = rest.json().createObjectNode().put("IsFrozen", true);
            subs.add(new Subrequest("PATCH", rest.path("sobjects/UserLogin/@{login.records[0].Id}"), "freeze", freeze));
        }
        List<SubResponse> responses = null;
        for (int attempt = 1; ; attempt++) {
            responses = rest.composite(subs, false);
            SaveResult user = responses.get(0).saveResult(null);
            if (user.success() || !RestOperations.transientFailure(user) || attempt >= resilience.maxAttempts()) {
                break;
            }
            RestOperations.sleep(resilience.backoff(attempt).toMillis());
        }
        SaveResult user = responses.get(0).saveResult(null);
        int n = 1;
        List<SaveResult> licenses = new ArrayList<>();
        for (int i = 0; i < u.permissionSetLicenseIds().size(); i++) {
            licenses.add(user.success() ? responses.get(n).saveResult(null) : SaveResult.failed(user.errors()));
            n++;
        }
        List<SaveResult> sets = new ArrayList<>();
        for (int i = 0; i < u.permissionSetIds().size(); i++) {
            sets.add(user.success() ? responses.get(n).saveResult(null) : SaveResult.failed(user.errors()));
            n++;
        }
        SaveResult freeze = null;
        if (u.frozen()) {
            if (!user.success()) {
                freeze = SaveResult.failed(user.errors());
            } else {
                SubResponse login = responses.get(n);
                String loginId = login.ok() ? JsonRecords.text(login.body().path("records").path(0), "Id") : null;
                SubResponse patch = responses.get(n + 1);
                freeze = !login.ok() ? SaveResult.failed(login.errors()) : patch.saveResult(loginId);
            }
        }
        return new ProvisioningResult(user, licenses, sets, freeze);
    }

    /**
     * Bulk provisioning: the users in chunks that fit one composite request each, so that a burst of up to 200 new
     * users usually costs a single API call; see {@link #provisionChunk}.
     */
    private List<ProvisioningResult> provisionInBulk(List<UserProvisioning> users) {
        List<ProvisioningResult> results = new ArrayList<>();
        for (List<UserProvisioning> chunk : compositeChunks(users, u -> u.permissionSetLicenseIds().size(), u -> u.permissionSetIds().size())) {
            results.addAll(provisionChunk(chunk));
        }
        return results;
    }

    /**
     * Splits parents so that each chunk fits one composite request: at most 200 parents, and their collection plus the
     * collections of their two kinds of dependent records at most 5 (composite's limit for collections and queries).
     * A parent with too many records to fit alone forms a chunk of its own.
     */
    static <T> List<List<T>> compositeChunks(List<T> parents, ToIntFunction<T> first, ToIntFunction<T> second) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> chunk = new ArrayList<>();
        int a = 0;
        int b = 0;
        for (T p : parents) {
            int na = a + first.applyAsInt(p);
            int nb = b + second.applyAsInt(p);
            if (!chunk.isEmpty() && (chunk.size() == RestOperations.COLLECTION_MAX_RECORDS || !fitsOneComposite(na, nb))) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                na = first.applyAsInt(p);
                nb = second.applyAsInt(p);
            }
            chunk.add(p);
            a = na;
            b = nb;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static boolean fitsOneComposite(int firstRecords, int secondRecords) {
        int perCollection = RestOperations.COLLECTION_MAX_RECORDS;
        int collections = 1 + (firstRecords + perCollection - 1) / perCollection + (secondRecords + perCollection - 1) / perCollection;
        return collections <= RestOperations.COMPOSITE_MAX_QUERIES;
    }

    /**
     * One composite request (allOrNone=false) holding sObject collections: the users, then their licence assignments,
     * then their permission set assignments, which name each new user as {@code @{users[i].id}}. Composite accepts up
     * to 5 collection or query subrequests and indexes array results with [] (REST API Developer Guide, "Composite":
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm).
     * <p>
     * When a user fails, the assignment collections that reference it fail as a whole; those assignments, and any that
     * failed transiently, are sent again with the real ids. When the users' collection itself failed, nothing was
     * created and {@link #provisionInPhases} starts over; it also retries users whose creation failed transiently.
     */
    private List<ProvisioningResult> provisionChunk(List<UserProvisioning> users) {
        if (!fitsOneComposite(users.stream().mapToInt(u -> u.permissionSetLicenseIds().size()).sum(),
                users.stream().mapToInt(u -> u.permissionSetIds().size()).sum())) {
            return provisionInPhases(users);
        }
        DependentRecords licenses = new DependentRecords("AssigneeId");
        DependentRecords sets = new DependentRecords("AssigneeId");
        addAssignments(users, u -> DependentRecords.reference("users", u), licenses, sets);
        List<ObjectNode> userRecords = users.stream().map(u -> userBody(u.user(), u.active(), true)).toList();
        List<SubResponse> responses = rest.composite(collectionSubrequests("users", userRecords, licenses, sets), false);
        List<SaveResult> created = collectionResults(responses.get(0), users.size());
        if (created == null) {
            return provisionInPhases(users);
        }
        licenses.readResults(responses, 1);
        sets.readResults(responses, 1 + licenses.parts().size());
        // licences before permission sets, as Salesforce requires
        Set<Integer> licensesResent = licenses.resend(created, rest::create, Set.of());
        sets.resend(created, rest::create, licensesResent);

        List<ProvisioningResult> results = results(users, created, licenses, sets);
        retryTransientParents(created, users, results, this::provisionInPhases);
        return results;
    }

    /** The parents' collection, then the dependent records' collections, as composite subrequests. */
    private List<Subrequest> collectionSubrequests(String parentRef, List<ObjectNode> parents, DependentRecords first, DependentRecords second) {
        List<Subrequest> subs = new ArrayList<>();
        subs.add(collectionCreate(parentRef, parents));
        List<List<ObjectNode>> firstParts = first.parts();
        for (int k = 0; k < firstParts.size(); k++) {
            subs.add(collectionCreate(parentRef + "A" + k, firstParts.get(k)));
        }
        List<List<ObjectNode>> secondParts = second.parts();
        for (int k = 0; k < secondParts.size(); k++) {
            subs.add(collectionCreate(parentRef + "B" + k, secondParts.get(k)));
        }
        return subs;
    }

    private Subrequest collectionCreate(String referenceId, List<ObjectNode> records) {
        ObjectNode body = rest.json().createObjectNode();
        body.put("allOrNone", false);
        body.putArray("records").addAll(records);
        return new Subrequest("POST", rest.path("composite/sobjects"), referenceId, body);
    }

    /** The per-record results of a collection subrequest, or null when it failed as a whole (nothing was created). */
    private static List<SaveResult> collectionResults(SubResponse response, int expected) {
        if (!response.ok() || response.body().size() != expected) {
            return null;
        }
        List<SaveResult> results = new ArrayList<>();
        response.body().forEach(r -> results.add(JsonRecords.saveResult(r)));
        return results;
    }

    /** Parents whose creation failed transiently were not created: they go through {@code again} (which retries). */
    private static <P, R> void retryTransientParents(List<SaveResult> created, List<P> parents, List<R> results,
                                                     Function<List<P>, List<R>> again) {
        List<Integer> retried = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            if (RestOperations.transientFailure(created.get(i))) {
                retried.add(i);
            }
        }
        if (retried.isEmpty()) {
            return;
        }
        List<R> answers = again.apply(retried.stream().map(parents::get).toList());
        for (int k = 0; k < retried.size(); k++) {
            results.set(retried.get(k), answers.get(k));
        }
    }

    private static ProvisioningResult result(UserProvisioning p, SaveResult user, SaveResult[] licenses, SaveResult[] sets, SaveResult freeze) {
        if (!user.success()) {
            return new ProvisioningResult(user,
                    p.permissionSetLicenseIds().stream().map(x -> SaveResult.failed(user.errors())).toList(),
                    p.permissionSetIds().stream().map(x -> SaveResult.failed(user.errors())).toList(),
                    p.frozen() ? SaveResult.failed(user.errors()) : null);
        }
        return new ProvisioningResult(user, List.of(licenses), List.of(sets), freeze);
    }

    /**
     * Collections in phases: all users, then the licences of the users that were created, then their permission
     * sets, then the freezes (their UserLogin rows read in bulk). About (users / 200) x (3 + freezes) calls; the
     * fallback of {@link #provisionChunk}.
     */
    private List<ProvisioningResult> provisionInPhases(List<UserProvisioning> users) {
        List<SaveResult> created = rest.create(users.stream()
                .map(u -> userBody(u.user(), u.active(), true)).toList());
        DependentRecords licenses = new DependentRecords("AssigneeId");
        DependentRecords sets = new DependentRecords("AssigneeId");
        addAssignments(users, u -> created.get(u).success() ? created.get(u).id() : null, licenses, sets);
        licenses.createAll(rest::create);
        sets.createAll(rest::create);
        return results(users, created, licenses, sets);
    }

    /** The licence and permission set assignments of the users that have an assignee (an id or a reference). */
    private void addAssignments(List<UserProvisioning> users, IntFunction<String> assignee,
                                DependentRecords licenses, DependentRecords sets) {
        for (int u = 0; u < users.size(); u++) {
            String assigneeId = assignee.apply(u);
            if (assigneeId == null) {
                continue;
            }
            List<String> licenseIds = users.get(u).permissionSetLicenseIds();
            for (int i = 0; i < licenseIds.size(); i++) {
                licenses.add(u, i, assignmentBody("PermissionSetLicenseAssign", assigneeId, "PermissionSetLicenseId", licenseIds.get(i), true));
            }
            List<String> setIds = users.get(u).permissionSetIds();
            for (int i = 0; i < setIds.size(); i++) {
                sets.add(u, i, assignmentBody("PermissionSetAssignment", assigneeId, "PermissionSetId", setIds.get(i), true));
            }
        }
    }

    /** One result per user, with its assignments and, for frozen users, the freeze (done here, in bulk). */
    private List<ProvisioningResult> results(List<UserProvisioning> users, List<SaveResult> created,
                                             DependentRecords licenses, DependentRecords sets) {
        Map<Integer, SaveResult> freezes = freezeCreated(users, created);
        List<ProvisioningResult> results = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            UserProvisioning p = users.get(u);
            results.add(result(p, created.get(u), licenses.forParent(u, p.permissionSetLicenseIds().size()),
                    sets.forParent(u, p.permissionSetIds().size()), freezes.get(u)));
        }
        return results;
    }

    private Map<Integer, SaveResult> freezeCreated(List<UserProvisioning> users, List<SaveResult> created) {
        Map<String, Integer> frozenUsers = new LinkedHashMap<>();
        for (int u = 0; u < users.size(); u++) {
            if (users.get(u).frozen() && created.get(u).success()) {
                frozenUsers.put(key18(created.get(u).id()), u);
            }
        }
        Map<Integer, SaveResult> results = new HashMap<>();
        if (frozenUsers.isEmpty()) {
            return results;
        }
        Map<String, String> loginByUser = new HashMap<>();
        List<List<String>> chunks = Chunks.forInList(frozenUsers.keySet());
        for (List<List<String>> group : Chunks.of(chunks, RestOperations.COMPOSITE_MAX_QUERIES)) {
            List<String> soqls = group.stream().map(c -> "SELECT Id, UserId FROM UserLogin WHERE UserId IN " + Soql.idList(c)).toList();
            for (List<JsonNode> rows : rest.queries(soqls)) {
                rows.forEach(r -> loginByUser.put(key18(JsonRecords.text(r, "UserId")), JsonRecords.text(r, "Id")));
            }
        }
        List<FreezeChange> changes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        frozenUsers.forEach((userId, u) -> {
            String loginId = loginByUser.get(userId);
            if (loginId == null) {
                results.put(u, SaveResult.failed(List.of(SalesforceError.of("NOT_FOUND", "the new user has no UserLogin row"))));
            } else {
                changes.add(new FreezeChange(loginId, true));
                order.add(u);
            }
        });
        List<SaveResult> frozen = changes.isEmpty() ? List.of() : setFrozen(changes);
        for (int k = 0; k < order.size(); k++) {
            results.put(order.get(k), frozen.get(k));
        }
        return results;
    }

    private ObjectNode userBody(UserFields f, Boolean active, boolean withType) {
        ObjectNode body = rest.json().createObjectNode();
        if (withType) {
            body.putObject("attributes").put("type", "User");
        }
        putIfSet(body, "Username", f.username());
        putIfSet(body, "Email", f.email());
        putIfSet(body, "FirstName", f.firstName());
        putIfSet(body, "LastName", f.lastName());
        putIfSet(body, "Alias", f.alias());
        putIfSet(body, "TimeZoneSidKey", f.timeZoneSidKey());
        putIfSet(body, "LocaleSidKey", f.localeSidKey());
        putIfSet(body, "LanguageLocaleKey", f.languageLocaleKey());
        putIfSet(body, "EmailEncodingKey", f.emailEncodingKey());
        putIfSet(body, "ProfileId", f.profileId());
        if (active != null) {
            body.put("IsActive", active);
        }
        return body;
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private ObjectNode assignmentBody(String type, String assigneeId, String targetField, String targetId, boolean withType) {
        ObjectNode body = rest.json().createObjectNode();
        if (withType) {
            body.putObject("attributes").put("type", type);
        }
        body.put("AssigneeId", assigneeId);
        // a group is assigned like a set, in the same call, through PermissionSetGroupId (issue 19)
        body.put("PermissionSetId".equals(targetField) ? io.sfintegration.salesforce.PermissionSetGroupIds.assignmentField(targetId)
                : targetField, targetId);
        return body;
    }

    @Override
    public List<SaveResult> updateUsers(List<UserUpdate> updates) {
        return writeById(updates, UserUpdate::userId, u -> {
            ObjectNode body = u.fields() == null ? rest.json().createObjectNode() : userBody(u.fields(), null, false);
            if (u.active() != null) {
                body.put("IsActive", u.active());
            }
            return body;
        }, "User");
    }

    @Override
    public List<SaveResult> setFrozen(List<FreezeChange> changes) {
        return writeById(changes, FreezeChange::userLoginId,
                c -> rest.json().createObjectNode().put("IsFrozen", c.frozen()), "UserLogin");
    }

    /** PATCH collections; records with a malformed id fail locally without a call. */
    private <T> List<SaveResult> writeById(List<T> items, Function<T, String> id, Function<T, ObjectNode> body, String type) {
        SaveResult[] results = new SaveResult[items.size()];
        List<Integer> sent = new ArrayList<>();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String recordId = id.apply(items.get(i));
            if (!Soql.isId(recordId)) {
                results[i] = malformedId();
                continue;
            }
            ObjectNode record = rest.json().createObjectNode();
            record.putObject("attributes").put("type", type);
            record.put("id", recordId);
            record.setAll(body.apply(items.get(i)));
            records.add(record);
            sent.add(i);
        }
        if (!records.isEmpty()) {
            List<SaveResult> answers = rest.update(records);
            for (int k = 0; k < sent.size(); k++) {
                results[sent.get(k)] = answers.get(k);
            }
        }
        return List.of(results);
    }

    @Override
    public List<SaveResult> assignPermissionSetLicenses(List<NewAssignment> assignments) {
        return createAssignments(assignments, "PermissionSetLicenseAssign", "PermissionSetLicenseId");
    }

    @Override
    public List<SaveResult> assignPermissionSets(List<NewAssignment> assignments) {
        return createAssignments(assignments, "PermissionSetAssignment", "PermissionSetId");
    }

    private List<SaveResult> createAssignments(List<NewAssignment> assignments, String type, String targetField) {
        if (assignments.isEmpty()) {
            return List.of();
        }
        return rest.create(assignments.stream()
                .map(a -> assignmentBody(type, a.assigneeId(), targetField, a.targetId(), true)).toList());
    }

    @Override
    public List<SaveResult> deleteRecords(List<String> ids) {
        SaveResult[] results = new SaveResult[ids.size()];
        List<Integer> sent = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (Soql.isId(ids.get(i))) {
                sent.add(i);
                valid.add(ids.get(i));
            } else {
                results[i] = malformedId();
            }
        }
        if (!valid.isEmpty()) {
            List<SaveResult> answers = rest.delete(valid);
            for (int k = 0; k < sent.size(); k++) {
                results[sent.get(k)] = answers.get(k);
            }
        }
        return List.of(results);
    }

    private static SaveResult malformedId() {
        return SaveResult.failed(List.of(SalesforceError.of(MALFORMED_ID, "not a Salesforce id")));
    }

    // ---------------------------------------------------------------- permission sets

    @Override
    public Map<String, PermissionSetState> findPermissionSets(Collection<String> names) {
        Map<String, PermissionSetState> found = new LinkedHashMap<>();
        List<String> wanted = distinct(names);
        if (wanted.isEmpty()) {
            return found;
        }
        List<String> permissions = availableUserPermissions();
        StringBuilder fields = new StringBuilder("Id, Name, Label, Description, LicenseId, IsOwnedByProfile");
        permissions.forEach(p -> fields.append(", Permissions").append(p));
        for (List<String> chunk : Chunks.forInList(wanted)) {
            String in = Soql.inList(chunk);
            List<List<JsonNode>> rows = rest.queries(List.of(
                    "SELECT " + fields + " FROM PermissionSet WHERE Name IN " + in,
                    "SELECT " + OBJECT_PERMISSION_FIELDS + " FROM ObjectPermissions WHERE Parent.Name IN " + in,
                    "SELECT " + FIELD_PERMISSION_FIELDS + " FROM FieldPermissions WHERE Parent.Name IN " + in,
                    // in the same composite call: the grants cost no extra call
                    "SELECT Id, ParentId, SetupEntityId, SetupEntityType FROM SetupEntityAccess WHERE Parent.Name IN " + in
                            + " AND SetupEntityType IN " + MANAGED_ENTITY_TYPES));
            Map<String, List<ObjectAccess>> objects = new HashMap<>();
            for (JsonNode r : rows.get(1)) {
                ObjectAccess a = new ObjectAccess(JsonRecords.text(r, "Id"), JsonRecords.text(r, "ParentId"),
                        JsonRecords.text(r, "SobjectType"), JsonRecords.bool(r, "PermissionsRead"),
                        JsonRecords.bool(r, "PermissionsCreate"), JsonRecords.bool(r, "PermissionsEdit"),
                        JsonRecords.bool(r, "PermissionsDelete"), JsonRecords.bool(r, "PermissionsViewAllRecords"),
                        JsonRecords.bool(r, "PermissionsModifyAllRecords"));
                objects.computeIfAbsent(key18(a.parentId()), k -> new ArrayList<>()).add(a);
            }
            Map<String, List<FieldAccess>> fieldRows = new HashMap<>();
            for (JsonNode r : rows.get(2)) {
                FieldAccess a = new FieldAccess(JsonRecords.text(r, "Id"), JsonRecords.text(r, "ParentId"),
                        JsonRecords.text(r, "Field"), JsonRecords.bool(r, "PermissionsRead"),
                        JsonRecords.bool(r, "PermissionsEdit"));
                fieldRows.computeIfAbsent(key18(a.parentId()), k -> new ArrayList<>()).add(a);
            }
            Map<String, List<EntityGrant>> grants = new HashMap<>();
            for (JsonNode r : rows.get(3)) {
                SetupEntityType.ofValue(JsonRecords.text(r, "SetupEntityType")).ifPresent(type -> {
                    EntityGrant g = new EntityGrant(JsonRecords.text(r, "Id"), JsonRecords.text(r, "ParentId"),
                            JsonRecords.text(r, "SetupEntityId"), type);
                    grants.computeIfAbsent(key18(g.parentId()), k -> new ArrayList<>()).add(g);
                });
            }
            for (JsonNode r : rows.get(0)) {
                String id = JsonRecords.text(r, "Id");
                Set<String> enabled = new LinkedHashSet<>();
                for (String p : permissions) {
                    if (JsonRecords.bool(r, "Permissions" + p)) {
                        enabled.add(p);
                    }
                }
                PermissionSetFields psFields = new PermissionSetFields(JsonRecords.text(r, "Name"),
                        JsonRecords.text(r, "Label"), JsonRecords.text(r, "Description"),
                        JsonRecords.text(r, "LicenseId"), enabled);
                found.put(Soql.key(psFields.name()), new PermissionSetState(id, psFields,
                        JsonRecords.bool(r, "IsOwnedByProfile"), objects.getOrDefault(key18(id), List.of()),
                        fieldRows.getOrDefault(key18(id), List.of()), grants.getOrDefault(key18(id), List.of())));
            }
        }
        return found;
    }

    private static final String MANAGED_ENTITY_TYPES = Soql.inList(java.util.Arrays.stream(SetupEntityType.values()).map(Enum::name).toList());

    /**
     * One query per entity type, in one composite call per chunk of names: by Name (DeveloperName for custom
     * permissions); a namespaced name "ns__Name" matches only the entity of that NamespacePrefix, a plain one only
     * the org's own (NamespacePrefix null).
     */
    @Override
    public Map<String, String> findSetupEntities(Collection<String> keys) {
        Map<SetupEntityType, Map<String, String>> wanted = new java.util.EnumMap<>(SetupEntityType.class);
        for (String key : keys) {
            int colon = key.indexOf(':');
            Optional<SetupEntityType> type = colon < 0 ? Optional.empty() : SetupEntityType.ofValue(key.substring(0, colon));
            if (type.isEmpty()) {
                continue;
            }
            String name = key.substring(colon + 1);
            int ns = name.indexOf("__");
            String bare = ns < 0 || !type.get().namespaced() ? name : name.substring(ns + 2);
            wanted.computeIfAbsent(type.get(), t -> new LinkedHashMap<>()).put(Soql.key(bare), bare);
        }
        Map<String, String> found = new HashMap<>();
        List<SetupEntityType> types = new ArrayList<>(wanted.keySet());
        int longest = wanted.values().stream().mapToInt(Map::size).max().orElse(0);
        List<List<String>> chunksByType = new ArrayList<>();
        types.forEach(t -> chunksByType.add(new ArrayList<>(wanted.get(t).values())));
        for (int offset = 0; offset < longest; offset += Chunks.MAX_VALUES) {
            List<String> queries = new ArrayList<>();
            List<SetupEntityType> asked = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                List<String> names = chunksByType.get(i);
                if (offset >= names.size()) {
                    continue;
                }
                SetupEntityType t = types.get(i);
                List<String> chunk = names.subList(offset, Math.min(names.size(), offset + Chunks.MAX_VALUES));
                queries.add("SELECT Id, " + t.nameField() + (t.namespaced() ? ", NamespacePrefix" : "") + " FROM " + t.object()
                        + " WHERE " + t.nameField() + " IN " + Soql.inList(chunk));
                asked.add(t);
            }
            List<List<JsonNode>> rows = rest.queries(queries);
            for (int q = 0; q < asked.size(); q++) {
                SetupEntityType t = asked.get(q);
                for (JsonNode r : rows.get(q)) {
                    String ns = t.namespaced() ? JsonRecords.text(r, "NamespacePrefix") : null;
                    String name = JsonRecords.text(r, t.nameField());
                    found.put(t.key(ns == null || ns.isEmpty() ? name : ns + "__" + name), JsonRecords.text(r, "Id"));
                }
            }
        }
        return found;
    }

    @Override
    public List<SaveResult> grantSetupEntities(List<EntityGrant> grants) {
        if (grants.isEmpty()) {
            return List.of();
        }
        return rest.create(grants.stream().map(g -> {
            ObjectNode body = rest.json().createObjectNode();
            body.putObject("attributes").put("type", "SetupEntityAccess");
            body.put("ParentId", g.parentId());
            body.put("SetupEntityId", g.entityId());
            return body;
        }).toList());
    }

    @Override
    public SaveResult createPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects,
                                          List<FieldAccess> fieldPermissions) {
        ObjectNode body = permissionSetBody(fields, false);
        if (1 + objects.size() + fieldPermissions.size() > RestOperations.COMPOSITE_MAX_SUBREQUESTS) {
            ApiResponse created;
            try {
                created = rest.send("POST", "sobjects/PermissionSet", body, "sobject");
            } catch (SalesforceException e) {
                return recordFailure(e);
            }
            String id = JsonRecords.text(created.body(), "id");
            List<SaveResult> rows = applyPermissionChanges(id,
                    new PermissionChanges(objects, List.of(), fieldPermissions, List.of(), List.of()));
            return withRowErrors(id, rows);
        }
        List<Subrequest> subs = new ArrayList<>();
        subs.add(new Subrequest("POST", rest.path("sobjects/PermissionSet"), "ps", body));
        for (int i = 0; i < objects.size(); i++) {
            subs.add(new Subrequest("POST", rest.path("sobjects/ObjectPermissions"), "o" + i,
                    objectBody(objects.get(i), "@{ps.id}", false)));
        }
        for (int i = 0; i < fieldPermissions.size(); i++) {
            subs.add(new Subrequest("POST", rest.path("sobjects/FieldPermissions"), "f" + i,
                    fieldBody(fieldPermissions.get(i), "@{ps.id}", false)));
        }
        List<SubResponse> responses = rest.composite(subs, false);
        SaveResult set = responses.get(0).saveResult(null);
        if (!set.success()) {
            return set;
        }
        return withRowErrors(set.id(), responses.subList(1, responses.size()).stream().map(r -> r.saveResult(null)).toList());
    }

    /**
     * Many sets in composite requests of sObject collections, like {@link #provisionInBulk}: the sets, then their
     * object rows and field rows naming each new set as {@code @{sets[i].id}}; usually one call for up to 200 sets.
     */
    @Override
    public List<SaveResult> createPermissionSets(List<NewPermissionSet> sets) {
        if (sets.size() == 1) {
            NewPermissionSet s = sets.get(0);
            return List.of(createPermissionSet(s.fields(), s.objects(), s.fieldPermissions()));
        }
        List<SaveResult> results = new ArrayList<>();
        for (List<NewPermissionSet> chunk : compositeChunks(sets, s -> s.objects().size(), s -> s.fieldPermissions().size())) {
            results.addAll(createPermissionSetChunk(chunk));
        }
        return results;
    }

    private List<SaveResult> createPermissionSetChunk(List<NewPermissionSet> sets) {
        if (sets.size() == 1 || !fitsOneComposite(sets.stream().mapToInt(s -> s.objects().size()).sum(),
                sets.stream().mapToInt(s -> s.fieldPermissions().size()).sum())) {
            return SalesforceClient.super.createPermissionSets(sets);
        }
        DependentRecords objects = new DependentRecords("ParentId");
        DependentRecords fields = new DependentRecords("ParentId");
        List<ObjectNode> setRecords = new ArrayList<>();
        for (int p = 0; p < sets.size(); p++) {
            NewPermissionSet set = sets.get(p);
            String ref = DependentRecords.reference("sets", p);
            for (int i = 0; i < set.objects().size(); i++) {
                objects.add(p, i, objectBody(set.objects().get(i), ref, true));
            }
            for (int i = 0; i < set.fieldPermissions().size(); i++) {
                fields.add(p, i, fieldBody(set.fieldPermissions().get(i), ref, true));
            }
            ObjectNode record = permissionSetBody(set.fields(), false);
            record.putObject("attributes").put("type", "PermissionSet");
            setRecords.add(record);
        }
        List<SubResponse> responses = rest.composite(collectionSubrequests("sets", setRecords, objects, fields), false);
        List<SaveResult> created = collectionResults(responses.get(0), sets.size());
        if (created == null) {
            return SalesforceClient.super.createPermissionSets(sets);   // nothing was created
        }
        objects.readResults(responses, 1);
        fields.readResults(responses, 1 + objects.parts().size());
        objects.resend(created, rest::create, Set.of());
        fields.resend(created, rest::create, Set.of());
        List<SaveResult> results = new ArrayList<>();
        for (int p = 0; p < sets.size(); p++) {
            SaveResult set = created.get(p);
            if (!set.success()) {
                results.add(set);
                continue;
            }
            List<SaveResult> rows = new ArrayList<>(List.of(objects.forParent(p, sets.get(p).objects().size())));
            rows.addAll(List.of(fields.forParent(p, sets.get(p).fieldPermissions().size())));
            results.add(withRowErrors(set.id(), rows));
        }
        retryTransientParents(created, sets, results, SalesforceClient.super::createPermissionSets);
        return results;
    }

    /**
     * The set exists; rows that failed are reported as errors on a successful result, so the caller knows a later
     * findPermissionSets/applyPermissionChanges must fix them.
     */
    private static SaveResult withRowErrors(String id, List<SaveResult> rows) {
        List<SalesforceError> errors = rows.stream().filter(r -> !r.success()).flatMap(r -> r.errors().stream()).toList();
        return new SaveResult(id, true, errors);
    }

    @Override
    public SaveResult updatePermissionSet(String permissionSetId, PermissionSetFields fields) {
        if (!Soql.isId(permissionSetId)) {
            return malformedId();
        }
        try {
            rest.send("PATCH", "sobjects/PermissionSet/" + permissionSetId, permissionSetBody(fields, true), "sobject");
            return SaveResult.ok(permissionSetId);
        } catch (SalesforceException e) {
            return recordFailure(e);
        }
    }

    private ObjectNode permissionSetBody(PermissionSetFields fields, boolean update) {
        ObjectNode body = rest.json().createObjectNode();
        if (!update) {
            body.put("Name", fields.name());
        }
        body.put("Label", fields.label() != null ? fields.label() : fields.name());
        body.put("Description", fields.description());
        if (fields.licenseId() != null || update) {
            body.put("LicenseId", fields.licenseId());
        }
        Set<String> wanted = new HashSet<>();
        for (String p : fields.userPermissions() == null ? Set.<String>of() : fields.userPermissions()) {
            wanted.add(p.toLowerCase(Locale.ROOT));
            body.put("Permissions" + canonicalPermission(p, update), true);
        }
        if (update) {
            for (String p : availableUserPermissions()) {
                if (!wanted.contains(p.toLowerCase(Locale.ROOT))) {
                    body.put("Permissions" + p, false);
                }
            }
        }
        return body;
    }

    private String canonicalPermission(String name, boolean describe) {
        List<String> known = describe ? availableUserPermissions() : userPermissions.get();
        if (known != null) {
            for (String k : known) {
                if (k.equalsIgnoreCase(name)) {
                    return k;
                }
            }
        }
        return name;
    }

    private ObjectNode objectBody(ObjectAccess a, String parentId, boolean withType) {
        ObjectNode body = rest.json().createObjectNode();
        if (withType) {
            body.putObject("attributes").put("type", "ObjectPermissions");
        }
        if (parentId != null) {
            body.put("ParentId", parentId);
            body.put("SobjectType", a.object());
        }
        body.put("PermissionsRead", a.read());
        body.put("PermissionsCreate", a.create());
        body.put("PermissionsEdit", a.edit());
        body.put("PermissionsDelete", a.delete());
        body.put("PermissionsViewAllRecords", a.viewAllRecords());
        body.put("PermissionsModifyAllRecords", a.modifyAllRecords());
        return body;
    }

    private ObjectNode fieldBody(FieldAccess a, String parentId, boolean withType) {
        ObjectNode body = rest.json().createObjectNode();
        if (withType) {
            body.putObject("attributes").put("type", "FieldPermissions");
        }
        if (parentId != null) {
            body.put("ParentId", parentId);
            body.put("SobjectType", a.object());
            body.put("Field", a.field());
        }
        body.put("PermissionsRead", a.read());
        body.put("PermissionsEdit", a.edit());
        return body;
    }

    /** Each record type goes in its own collection call; results come back in the order of the contract. */
    @Override
    public List<SaveResult> applyPermissionChanges(String permissionSetId, PermissionChanges changes) {
        List<SaveResult> results = new ArrayList<>();
        if (!Soql.isId(permissionSetId)) {
            int n = changes.createObjects().size() + changes.createFields().size() + changes.updateObjects().size()
                    + changes.updateFields().size() + changes.deleteIds().size();
            for (int i = 0; i < n; i++) {
                results.add(malformedId());
            }
            return results;
        }
        if (!changes.createObjects().isEmpty()) {
            results.addAll(rest.create(changes.createObjects().stream().map(a -> objectBody(a, permissionSetId, true)).toList()));
        }
        if (!changes.createFields().isEmpty()) {
            results.addAll(rest.create(changes.createFields().stream().map(a -> fieldBody(a, permissionSetId, true)).toList()));
        }
        results.addAll(writeById(changes.updateObjects(), ObjectAccess::id, a -> objectBody(a, null, false), "ObjectPermissions"));
        results.addAll(writeById(changes.updateFields(), FieldAccess::id, a -> fieldBody(a, null, false), "FieldPermissions"));
        results.addAll(deleteRecords(changes.deleteIds()));
        return results;
    }

    // ---------------------------------------------------------------- permission set groups

    @Override
    public Map<String, io.sfintegration.salesforce.PermissionSetGroupState> findPermissionSetGroups(Collection<String> names) {
        return groups.find(names);
    }

    @Override
    public List<SaveResult> createPermissionSetGroups(List<io.sfintegration.salesforce.PermissionSetGroupFields> fields) {
        return groups.createGroups(fields);
    }

    @Override
    public SaveResult createPermissionSetGroup(io.sfintegration.salesforce.PermissionSetGroupFields fields) {
        return groups.createGroup(fields);
    }

    @Override
    public SaveResult updatePermissionSetGroup(String groupId, io.sfintegration.salesforce.PermissionSetGroupFields fields) {
        return groups.updateGroup(groupId, fields);
    }

    @Override
    public List<SaveResult> addGroupComponents(List<io.sfintegration.salesforce.GroupComponent> components) {
        return groups.addComponents(components);
    }

    @Override
    public SaveResult saveMutingPermissionSet(String id, io.sfintegration.salesforce.PermissionSetGroupFields fields, Set<String> muted) {
        return groups.saveMuting(id, fields, muted);
    }

    @Override
    public int countAssignments(String permissionSetId) {
        if (!Soql.isId(permissionSetId)) {
            throw new SalesforceException(400, List.of(SalesforceError.of(MALFORMED_ID, "not a Salesforce id")), false);
        }
        return rest.count("SELECT COUNT() FROM PermissionSetAssignment WHERE PermissionSetId = " + Soql.id(permissionSetId));
    }

    @Override
    public SaveResult deletePermissionSet(String permissionSetId) {
        if (!Soql.isId(permissionSetId)) {
            return malformedId();
        }
        try {
            rest.send("DELETE", "sobjects/PermissionSet/" + permissionSetId, null, "sobject");
            return SaveResult.ok(permissionSetId);
        } catch (SalesforceException e) {
            return recordFailure(e);
        }
    }

    /** A record-level refusal (400/404) becomes a failed result; anything else about the call is thrown. */
    private static SaveResult recordFailure(SalesforceException e) {
        if ((e.httpStatus() == 400 || e.httpStatus() == 404) && !e.errors().isEmpty()) {
            return SaveResult.failed(e.errors());
        }
        throw e;
    }

    /** Describe PermissionSet once: its updateable boolean Permissions* fields. */
    @Override
    public List<String> availableUserPermissions() {
        List<String> cached = userPermissions.get();
        if (cached != null) {
            return cached;
        }
        JsonNode describe = rest.get("sobjects/PermissionSet/describe", "describe");
        List<String> names = new ArrayList<>();
        for (JsonNode f : describe.path("fields")) {
            String name = f.path("name").asText("");
            if (name.startsWith("Permissions") && "boolean".equals(f.path("type").asText())
                    && f.path("updateable").asBoolean(true)) {
                names.add(name.substring("Permissions".length()));
            }
        }
        List<String> result = List.copyOf(names);
        userPermissions.compareAndSet(null, result);
        return userPermissions.get();
    }

    // ---------------------------------------------------------------- drift

    /**
     * One composite call: SetupAuditTrail since the instant, and whether any User, PermissionSetAssignment,
     * PermissionSet or ObjectPermissions row has a newer SystemModstamp (5 queries, the composite maximum).
     * UserLogin has no SystemModstamp; freezes and permission set licence or field permission changes are expected in
     * the audit trail.
     */
    @Override
    public ChangeProbe probeChangesSince(Instant since) {
        String t = Soql.dateTime(since);
        return probe(t, List.of(
                "SELECT Id FROM User WHERE SystemModstamp > " + t + " LIMIT 1",
                "SELECT Id FROM PermissionSetAssignment WHERE SystemModstamp > " + t + " LIMIT 1",
                "SELECT Id FROM PermissionSet WHERE SystemModstamp > " + t + " LIMIT 1",
                "SELECT Id FROM ObjectPermissions WHERE SystemModstamp > " + t + " LIMIT 1"));
    }

    /**
     * The probe scoped to the managed records, still one composite call. Users by LastModifiedDate, not
     * SystemModstamp: every login sets LastLoginDate, which moves SystemModstamp (the operator's own logins too), while
     * edits by people move LastModifiedDate. Users, assignments and object permissions only of managed or
     * integration-licensed users and of managed or integration-licensed permission sets; the audit rows unfiltered.
     */
    @Override
    public ChangeProbe probeChangesSince(Instant since, io.sfintegration.salesforce.ProbeScope scope) {
        String t = Soql.dateTime(since);
        List<String> userFilter = new ArrayList<>();
        if (!scope.userProfiles().isEmpty()) {
            userFilter.add("Profile.Name IN " + Soql.inList(scope.userProfiles()));
        }
        if (scope.userLicenseName() != null) {
            userFilter.add("Profile.UserLicense.Name = " + Soql.quote(scope.userLicenseName()));
        }
        String users = userFilter.isEmpty() ? "" : " AND (" + String.join(" OR ", userFilter) + ")";
        String assignees = userFilter.isEmpty() ? "" : " AND (" + String.join(" OR ", userFilter.stream().map(f -> "Assignee." + f).toList()) + ")";
        List<String> setFilter = new ArrayList<>();
        // beyond ~2,000 names the list would crowd the statement: then every permission set counts (safe, costlier)
        boolean named = !scope.permissionSetNames().isEmpty() && scope.permissionSetNames().size() <= 2000;
        if (named) {
            setFilter.add("Name IN " + Soql.inList(scope.permissionSetNames()));
        }
        if (named && scope.permissionSetLicenseId() != null && Soql.isId(scope.permissionSetLicenseId())) {
            setFilter.add("LicenseId = " + Soql.id(scope.permissionSetLicenseId()));
        }
        String sets = setFilter.isEmpty() ? "" : " AND (" + String.join(" OR ", setFilter) + ")";
        String parents = setFilter.isEmpty() ? "" : " AND (" + String.join(" OR ", setFilter.stream().map(f -> "Parent." + f).toList()) + ")";
        return probe(t, List.of(
                "SELECT Id FROM User WHERE LastModifiedDate > " + t + users + " LIMIT 1",
                "SELECT Id FROM PermissionSetAssignment WHERE SystemModstamp > " + t + assignees + " LIMIT 1",
                "SELECT Id FROM PermissionSet WHERE SystemModstamp > " + t + sets + " LIMIT 1",
                "SELECT Id FROM ObjectPermissions WHERE SystemModstamp > " + t + parents + " LIMIT 1"));
    }

    /** The audit trail since {@code t} plus the "anything newer?" queries, in one composite call. */
    private ChangeProbe probe(String t, List<String> changeQueries) {
        List<String> queries = new ArrayList<>();
        queries.add("SELECT Id, CreatedDate, Action, Section, Display, CreatedBy.Username, DelegateUser FROM SetupAuditTrail"
                + " WHERE CreatedDate > " + t + " ORDER BY CreatedDate ASC");
        queries.addAll(changeQueries);
        List<List<JsonNode>> rows = rest.queries(queries);
        List<AuditEntry> audit = new ArrayList<>();
        for (JsonNode r : rows.get(0)) {
            audit.add(new AuditEntry(JsonRecords.text(r, "Id"), JsonRecords.instant(r, "CreatedDate"),
                    JsonRecords.text(r, "Action"), JsonRecords.text(r, "Section"), JsonRecords.text(r, "Display"),
                    JsonRecords.text(r, "CreatedBy.Username"), JsonRecords.text(r, "DelegateUser")));
        }
        boolean changed = rows.subList(1, rows.size()).stream().anyMatch(list -> !list.isEmpty());
        return new ChangeProbe(audit, changed);
    }

    /**
     * One composite call: users whose profile has the user licence, and permission sets (not owned by a profile)
     * whose LicenseId is the given licence (none when null).
     */
    @Override
    public OrgInventory inventory(String userLicenseName, String permissionSetLicenseId) {
        String licenseFilter;
        if (permissionSetLicenseId == null) {
            licenseFilter = "LicenseId = null";
        } else if (Soql.isId(permissionSetLicenseId)) {
            licenseFilter = "LicenseId = " + Soql.id(permissionSetLicenseId);
        } else {
            throw new SalesforceException(400, List.of(SalesforceError.of(MALFORMED_ID, "not a Salesforce id")), false);
        }
        List<List<JsonNode>> rows = rest.queries(List.of(
                "SELECT " + USER_FIELDS + " FROM User WHERE Profile.UserLicense.Name = " + Soql.quote(userLicenseName),
                "SELECT Id, Name, Label FROM PermissionSet WHERE IsOwnedByProfile = false AND " + licenseFilter));
        List<SalesforceUser> users = rows.get(0).stream().map(RestSalesforceClient::user).toList();
        List<OrgInventory.PermissionSetSummary> sets = rows.get(1).stream()
                .map(r -> new OrgInventory.PermissionSetSummary(JsonRecords.text(r, "Id"), JsonRecords.text(r, "Name"),
                        JsonRecords.text(r, "Label"))).toList();
        return new OrgInventory(users, sets);
    }

    @Override
    public OrgExportRead exportRead(Instant loginsSince) {
        List<UserState> users = readUsers("UserType = 'Standard'", "IN (SELECT Id FROM User WHERE UserType = 'Standard')");
        List<List<JsonNode>> rows = rest.queries(List.of(
                // LoginType "Application" is a UI login, "Remote Access 2.0" an OAuth (connected app) login (Object Reference,
                // LoginHistory: developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-loginhistory.html)
                "SELECT UserId, LoginType, Application FROM LoginHistory WHERE LoginTime >= " + Soql.dateTime(loginsSince),
                "SELECT ProfileId, Profile.Name, PermissionsApiUserOnly, PermissionsApiEnabled FROM PermissionSet WHERE IsOwnedByProfile = true",
                "SELECT Id, MasterLabel FROM PermissionSetLicense",
                "SELECT Id, Name FROM UserLicense"));
        Map<String, OrgExportRead.LoginUse> logins = new HashMap<>();
        for (JsonNode r : rows.get(0)) {
            String user = key18(JsonRecords.text(r, "UserId"));
            OrgExportRead.LoginUse before = logins.getOrDefault(user, new OrgExportRead.LoginUse(false, java.util.Set.of()));
            java.util.Set<String> apps = new java.util.TreeSet<>(before.applications());
            String app = JsonRecords.text(r, "Application");
            if (app != null && !app.isBlank() && !"N/A".equals(app)) {
                apps.add(app);
            }
            logins.put(user, new OrgExportRead.LoginUse(before.uiLogin() || "Application".equals(JsonRecords.text(r, "LoginType")), apps));
        }
        Map<String, OrgExportRead.ProfileAccess> profiles = new HashMap<>();
        rows.get(1).forEach(r -> profiles.put(key18(JsonRecords.text(r, "ProfileId")), new OrgExportRead.ProfileAccess(
                JsonRecords.text(r, "Profile.Name"), JsonRecords.bool(r, "PermissionsApiUserOnly"), JsonRecords.bool(r, "PermissionsApiEnabled"))));
        Map<String, String> licenses = new HashMap<>();
        rows.get(2).forEach(r -> licenses.put(key18(JsonRecords.text(r, "Id")), JsonRecords.text(r, "MasterLabel")));
        rows.get(3).forEach(r -> licenses.put(key18(JsonRecords.text(r, "Id")), JsonRecords.text(r, "Name")));
        return new OrgExportRead(users, logins, profiles, licenses);
    }

    @Override
    public long apiCallsMade() {
        return callsMade.getAsLong();
    }

    @Override
    public SalesforceClient background() {
        return new BackgroundSalesforceClient(this, this::checkBackgroundBudget);
    }

    private void checkBackgroundBudget() {
        if (usage.lastKnown() == null) {
            fetchLimits();
        }
        usage.backgroundRefusal(maxDailyPercent.getAsInt()).ifPresent(reason -> {
            throw new io.sfintegration.salesforce.BudgetExhaustedException(
                    "background Salesforce work for " + org + " is paused: " + reason);
        });
    }

    private static List<String> distinct(Collection<String> values) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                byKey.putIfAbsent(Soql.key(v), v);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    @Override
    public String toString() {
        return "RestSalesforceClient[" + org + "]";
    }

    String org() {
        return org;
    }

    boolean sameOrg(String other) {
        return Objects.equals(org, other);
    }
}
