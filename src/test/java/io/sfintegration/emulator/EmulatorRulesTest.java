package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.emulator.EmulatorHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

/** The org rules a real org enforces, checked through the REST API only. */
class EmulatorRulesTest {

    private static final String INTEGRATION_PROFILE = "Minimum Access - API Only Integrations";

    private static SalesforceEmulator emulator;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        http = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorSeed.ADMIN));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.post("/__emulator/reset", null).status()).isEqualTo(204);
    }

    // ---- users ----

    @Test
    void duplicateUsernameIsRefusedCaseInsensitively() {
        assertThat(createUser("dup@example.com", INTEGRATION_PROFILE).status()).isEqualTo(201);
        Answer again = createUser("DUP@example.com", INTEGRATION_PROFILE);
        assertError(again, 400, "DUPLICATE_USERNAME");
    }

    @Test
    void usernameAndEmailMustBeEmailShaped() {
        assertError(createUser("not-an-email", INTEGRATION_PROFILE), 400, "INVALID_EMAIL_ADDRESS");
        Map<String, Object> user = user("ok@example.com", profileId(INTEGRATION_PROFILE));
        user.put("Email", "nope");
        assertError(http.post(V + "/sobjects/User", user), 400, "INVALID_EMAIL_ADDRESS");
    }

    @Test
    void requiredUserFieldsMustBePresent() {
        Map<String, Object> user = user("missing@example.com", profileId(INTEGRATION_PROFILE));
        user.remove("LastName");
        Answer a = http.post(V + "/sobjects/User", user);
        assertError(a, 400, "REQUIRED_FIELD_MISSING");
        assertThat(a.body().get(0).path("fields").toString()).contains("LastName");
        assertError(http.post(V + "/sobjects/Account", Map.of("Phone", "1")), 400, "REQUIRED_FIELD_MISSING");
        // every missing field in the one error
        user.remove("Email");
        user.remove("Alias");
        Answer three = http.post(V + "/sobjects/User", user);
        assertError(three, 400, "REQUIRED_FIELD_MISSING");
        assertThat(three.body()).hasSize(1);
        assertThat(three.body().get(0).path("message").asText()).isEqualTo("Required fields are missing: [LastName, Email, Alias]");
        assertThat(three.body().get(0).path("fields").toString()).isEqualTo("[\"LastName\",\"Email\",\"Alias\"]");
    }

    @Test
    void usersCannotBeDeleted() {
        String id = createUser("keep@example.com", INTEGRATION_PROFILE).body().path("id").asText();
        assertError(http.delete(V + "/sobjects/User/" + id), 400, "DELETE_FAILED");
        assertThat(http.get(V + "/sobjects/User/" + id).status()).isEqualTo(200);
    }

    @Test
    void sixthActiveIntegrationUserExceedsTheLicenseAndDeactivationFreesASeat() {
        String first = null;
        for (int i = 1; i <= 5; i++) {
            Answer a = createUser("int" + i + "@example.com", INTEGRATION_PROFILE);
            assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
            first = first == null ? a.body().path("id").asText() : first;
        }
        JsonNode license = http.records("SELECT TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'").get(0);
        assertThat(license.path("TotalLicenses").asInt()).isEqualTo(5);
        assertThat(license.path("UsedLicenses").asInt()).isEqualTo(5);

        assertError(createUser("int6@example.com", INTEGRATION_PROFILE), 400, "LICENSE_LIMIT_EXCEEDED");

        assertThat(http.patch(V + "/sobjects/User/" + first, Map.of("IsActive", false)).status()).isEqualTo(204);
        assertThat(createUser("int6@example.com", INTEGRATION_PROFILE).status()).isEqualTo(201);
        // reactivating the first one would need a seventh seat
        assertError(http.patch(V + "/sobjects/User/" + first, Map.of("IsActive", true)), 400, "LICENSE_LIMIT_EXCEEDED");
    }

    // ---- permission set licences and assignments ----

    @Test
    void permissionSetLicenseSeatsAreCounted() {
        String psl = pslId();
        int total = http.records("SELECT TotalLicenses FROM PermissionSetLicense WHERE Id = '" + psl + "'").get(0).path("TotalLicenses").asInt();
        assertThat(total).isEqualTo(10);
        // 5 integration seats + 8 free Salesforce seats give enough users to exceed the 10 licences
        for (int i = 0; i < total; i++) {
            String profile = i < 5 ? INTEGRATION_PROFILE : "Standard User";
            String user = createUser("psl" + i + "@example.com", profile).body().path("id").asText();
            Answer a = http.post(V + "/sobjects/PermissionSetLicenseAssign", Map.of("AssigneeId", user, "PermissionSetLicenseId", psl));
            assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        }
        String extra = createUser("psl-extra@example.com", "Standard User").body().path("id").asText();
        assertError(http.post(V + "/sobjects/PermissionSetLicenseAssign", Map.of("AssigneeId", extra, "PermissionSetLicenseId", psl)),
                400, "LICENSE_LIMIT_EXCEEDED");
        assertThat(http.records("SELECT UsedLicenses FROM PermissionSetLicense WHERE Id = '" + psl + "'").get(0).path("UsedLicenses").asInt())
                .isEqualTo(10);
    }

    @Test
    void licensedPermissionSetNeedsThePermissionSetLicenseAndAssignsOnce() {
        String user = createUser("lic@example.com", INTEGRATION_PROFILE).body().path("id").asText();
        String ps = createPermissionSet("Licensed_Set", pslId());

        assertError(assign(user, ps), 400, "FIELD_INTEGRITY_EXCEPTION");

        assertThat(http.post(V + "/sobjects/PermissionSetLicenseAssign", Map.of("AssigneeId", user, "PermissionSetLicenseId", pslId())).status())
                .isEqualTo(201);
        assertError(http.post(V + "/sobjects/PermissionSetLicenseAssign", Map.of("AssigneeId", user, "PermissionSetLicenseId", pslId())),
                400, "DUPLICATE_VALUE");
        assertThat(assign(user, ps).status()).isEqualTo(201);
        assertError(assign(user, ps), 400, "DUPLICATE_VALUE");
    }

    // ---- object and field permissions ----

    @Test
    void objectPermissionDependenciesAreEnforced() {
        String ps = createPermissionSet("Deps", null);
        assertError(objectPerms(ps, "Account", Map.of("PermissionsEdit", true)), 400, "FIELD_INTEGRITY_EXCEPTION");
        assertError(objectPerms(ps, "Account", Map.of("PermissionsRead", true, "PermissionsDelete", true)), 400, "FIELD_INTEGRITY_EXCEPTION");
        assertError(objectPerms(ps, "Account", Map.of("PermissionsViewAllRecords", true)), 400, "FIELD_INTEGRITY_EXCEPTION");
        assertError(objectPerms(ps, "Account", Map.of("PermissionsRead", true, "PermissionsEdit", true, "PermissionsDelete", true,
                "PermissionsModifyAllRecords", true)), 400, "FIELD_INTEGRITY_EXCEPTION");
        Answer ok = objectPerms(ps, "account", Map.of("PermissionsRead", true, "PermissionsEdit", true, "PermissionsDelete", true,
                "PermissionsViewAllRecords", true, "PermissionsModifyAllRecords", true));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        JsonNode row = http.get(V + "/sobjects/ObjectPermissions/" + ok.body().path("id").asText()).body();
        assertThat(row.path("SobjectType").asText()).isEqualTo("Account");
        // revoking edit while delete stays on breaks the dependency
        assertError(http.patch(V + "/sobjects/ObjectPermissions/" + ok.body().path("id").asText(), Map.of("PermissionsEdit", false)),
                400, "FIELD_INTEGRITY_EXCEPTION");
        assertError(objectPerms(ps, "Account", Map.of("PermissionsRead", true)), 400, "DUPLICATE_VALUE");
    }

    @Test
    void unknownObjectsAndFieldsInPermissionsAreRejected() {
        String ps = createPermissionSet("Unknowns", null);
        // restricted picklists, as a real org answers them
        Answer badObject = objectPerms(ps, "NoSuchThing__c", Map.of("PermissionsRead", true));
        assertError(badObject, 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(badObject.body().get(0).path("message").asText()).isEqualTo("bad value for restricted picklist field: NoSuchThing__c");
        assertThat(badObject.body().get(0).path("fields").toString()).isEqualTo("[\"SobjectType\"]");
        assertError(fieldPerms(ps, "Account", "Account.NoSuchField__c", true, false), 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertError(fieldPerms(ps, "Account", "Contact.Phone", true, false), 400, "FIELD_INTEGRITY_EXCEPTION");
        Answer ok = fieldPerms(ps, "Account", "Account.Phone", true, true);
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        assertError(fieldPerms(ps, "Contact", "Contact.Email", false, true), 400, "FIELD_INTEGRITY_EXCEPTION");
    }

    @Test
    void requiredFieldsTakeNoFieldPermissions() {
        String ps = createPermissionSet("Required", null);
        Answer a = fieldPerms(ps, "Account", "Account.Name", true, false);
        assertError(a, 400, "FIELD_INTEGRITY_EXCEPTION");
        assertThat(a.body().get(0).path("message").asText()).contains("required");
    }

    // ---- permission sets ----

    @Test
    void permissionSetApiNamesFollowTheRules() {
        for (String bad : new String[]{"1Starts_With_Digit", "Has Space", "Double__Underscore", "Trailing_", "Dash-Name"}) {
            assertError(http.post(V + "/sobjects/PermissionSet", Map.of("Name", bad, "Label", "x")), 400, "FIELD_INTEGRITY_EXCEPTION");
        }
        createPermissionSet("Good_Name_1", null);
        assertError(http.post(V + "/sobjects/PermissionSet", Map.of("Name", "good_name_1", "Label", "Other")), 400, "DUPLICATE_DEVELOPER_NAME");
    }

    @Test
    void permissionSetWithAssignmentsCannotBeDeleted() {
        String user = createUser("assigned@example.com", INTEGRATION_PROFILE).body().path("id").asText();
        String ps = createPermissionSet("Assigned_Set", null);
        Answer assignment = assign(user, ps);
        assertThat(assignment.status()).as(assignment.raw().body()).isEqualTo(201);
        assertError(http.delete(V + "/sobjects/PermissionSet/" + ps), 400, "DELETE_FAILED");
        assertThat(http.delete(V + "/sobjects/PermissionSetAssignment/" + assignment.body().path("id").asText()).status()).isEqualTo(204);
        assertThat(http.delete(V + "/sobjects/PermissionSet/" + ps).status()).isEqualTo(204);
    }

    @Test
    void profilePermissionSetsCannotBeAssignedOrDeleted() {
        String user = createUser("own@example.com", INTEGRATION_PROFILE).body().path("id").asText();
        String own = http.idOf("SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'Standard User'");
        assertError(assign(user, own), 400, "FIELD_INTEGRITY_EXCEPTION");
        assertError(http.delete(V + "/sobjects/PermissionSet/" + own), 400, "DELETE_FAILED");
    }

    // ---- helpers ----

    static Map<String, Object> user(String username, String profileId) {
        Map<String, Object> u = new HashMap<>();
        u.put("Username", username);
        u.put("LastName", "Integration");
        u.put("Email", "owner@example.com");
        u.put("Alias", "integ");
        u.put("TimeZoneSidKey", "America/Los_Angeles");
        u.put("LocaleSidKey", "en_US");
        u.put("EmailEncodingKey", "UTF-8");
        u.put("LanguageLocaleKey", "en_US");
        u.put("ProfileId", profileId);
        return u;
    }

    private Answer createUser(String username, String profile) {
        return http.post(V + "/sobjects/User", user(username, profileId(profile)));
    }

    private String profileId(String name) {
        return http.idOf("SELECT Id FROM Profile WHERE Name = '" + name + "'");
    }

    private String pslId() {
        return http.idOf("SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
    }

    private String createPermissionSet(String name, String licenseId) {
        Map<String, Object> ps = new HashMap<>(Map.of("Name", name, "Label", name.replace('_', ' ')));
        if (licenseId != null) {
            ps.put("LicenseId", licenseId);
        }
        Answer a = http.post(V + "/sobjects/PermissionSet", ps);
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.body().path("id").asText();
    }

    private Answer assign(String user, String ps) {
        return http.post(V + "/sobjects/PermissionSetAssignment", Map.of("AssigneeId", user, "PermissionSetId", ps));
    }

    private Answer objectPerms(String ps, String object, Map<String, Object> flags) {
        Map<String, Object> body = new HashMap<>(flags);
        body.put("ParentId", ps);
        body.put("SobjectType", object);
        return http.post(V + "/sobjects/ObjectPermissions", body);
    }

    private Answer fieldPerms(String ps, String object, String field, boolean read, boolean edit) {
        return http.post(V + "/sobjects/FieldPermissions", Map.of("ParentId", ps, "SobjectType", object, "Field", field,
                "PermissionsRead", read, "PermissionsEdit", edit));
    }

    static void assertError(Answer a, int status, String errorCode) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(status);
        assertThat(a.errorCode()).as(a.raw().body()).isEqualTo(errorCode);
    }
}
