package io.sfintegration.emulator.soql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultSoqlEngineTest {

    static final String LIC = "100000000000001AAA";
    static final String PROFILE = "00e000000000001AAA";
    static final String ADMIN_PROFILE = "00e000000000002AAA";
    static final String U1 = "005000000000001AAA";
    static final String U2 = "005000000000002AAA";
    static final String U3 = "005000000000003AAA";
    static final String PS = "0PS000000000001AAA";

    final Db db = new Db();
    final SoqlEngine engine = new DefaultSoqlEngine();

    DefaultSoqlEngineTest() {
        db.object("UserLicense", "100", Map.of("Name", FieldType.STRING));
        db.object("Profile", "00e", Map.of("Name", FieldType.STRING, "UserLicenseId", FieldType.REFERENCE));
        db.ref("Profile", "UserLicenseId", "UserLicense", "UserLicense");
        db.object("User", "005", Map.of("Username", FieldType.STRING, "IsActive", FieldType.BOOLEAN, "ProfileId", FieldType.REFERENCE,
                "LastName", FieldType.STRING));
        db.ref("User", "ProfileId", "Profile", "Profile");
        db.object("PermissionSet", "0PS", Map.of("Name", FieldType.STRING, "IsOwnedByProfile", FieldType.BOOLEAN));
        db.object("PermissionSetAssignment", "0Pa", Map.of("AssigneeId", FieldType.REFERENCE, "PermissionSetId", FieldType.REFERENCE));
        db.ref("PermissionSetAssignment", "AssigneeId", "User", "Assignee");
        db.ref("PermissionSetAssignment", "PermissionSetId", "PermissionSet", "PermissionSet");
        db.put("UserLicense", LIC, Map.of("Name", "Salesforce Integration"));
        db.put("Profile", PROFILE, Map.of("Name", "Minimum Access - API Only Integrations", "UserLicenseId", LIC));
        db.put("Profile", ADMIN_PROFILE, Map.of("Name", "System Administrator"));
        db.put("User", U1, Map.of("Username", "erp@acme.com", "IsActive", true, "ProfileId", PROFILE, "LastName", "Zeta"));
        db.put("User", U2, Map.of("Username", "o'neil@acme.com", "IsActive", false, "ProfileId", PROFILE, "LastName", "Alpha"));
        db.put("User", U3, Map.of("Username", "admin_1%@acme.com", "IsActive", true, "ProfileId", ADMIN_PROFILE, "LastName", "Mid"));
        db.put("PermissionSet", PS, Map.of("Name", "Reader", "IsOwnedByProfile", false));
        db.put("PermissionSetAssignment", "0Pa000000000001AAA", Map.of("AssigneeId", U1, "PermissionSetId", PS));
    }

    List<Map<String, Object>> rows(String soql) {
        return engine.execute(soql, db, "62.0", false).records();
    }

    List<Object> usernames(String where) {
        return rows("SELECT Username FROM User WHERE " + where + " ORDER BY Username").stream().map(r -> r.get("Username")).toList();
    }

    @Test
    void nestedRelationshipsAreRenderedAsNestedRecords() {
        Map<String, Object> row = rows("select id, profile.userlicense.name, Profile.Name from user where id = '" + U1.substring(0, 15) + "'").get(0);
        assertThat(row.keySet()).containsExactly("attributes", "Id", "Profile");
        @SuppressWarnings("unchecked") Map<String, Object> profile = (Map<String, Object>) row.get("Profile");
        assertThat(profile.get("Name")).isEqualTo("Minimum Access - API Only Integrations");
        @SuppressWarnings("unchecked") Map<String, Object> license = (Map<String, Object>) profile.get("UserLicense");
        assertThat(license.get("Name")).isEqualTo("Salesforce Integration");
        assertThat(((Map<?, ?>) row.get("attributes")).get("url")).isEqualTo("/services/data/v62.0/sobjects/User/" + U1);
        Map<String, Object> admin = rows("SELECT Profile.UserLicense.Name FROM User WHERE Id = '" + U3 + "'").get(0);
        assertThat(((Map<?, ?>) admin.get("Profile")).get("UserLicense")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Username = 'ERP@acme.com'|erp@acme.com",
            "Username != 'erp@acme.com'|admin_1%@acme.com,o'neil@acme.com",
            "IsActive = false|o'neil@acme.com",
            "Username IN ('erp@acme.com', 'nobody@x.com')|erp@acme.com",
            "Username NOT IN ('erp@acme.com')|admin_1%@acme.com,o'neil@acme.com",
            "Username LIKE 'o\\'n%'|o'neil@acme.com",
            "Username LIKE 'admin\\_1\\%@%'|admin_1%@acme.com",
            "Username LIKE 'admin_1%'|admin_1%@acme.com",
            "Profile.Name = 'System Administrator'|admin_1%@acme.com",
            "(IsActive = true AND Profile.Name != 'System Administrator') OR Username = 'o\\'neil@acme.com'|erp@acme.com,o'neil@acme.com",
            "NOT IsActive = true|o'neil@acme.com",
            "Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Reader')|erp@acme.com",
            "Id NOT IN (SELECT AssigneeId FROM PermissionSetAssignment)|admin_1%@acme.com,o'neil@acme.com",
            "Username = 'a\\' OR Username != \\''|",
            "Profile.UserLicense.Name = null|admin_1%@acme.com",
            "LastName > 'B'|admin_1%@acme.com,erp@acme.com"})
    void filters(String where, String expected) {
        List<String> want = expected == null ? List.of() : List.of(expected.split(","));
        assertThat(usernames(where)).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void orderLimitOffsetAndCount() {
        assertThat(rows("SELECT LastName FROM User ORDER BY LastName DESC LIMIT 2").stream().map(r -> r.get("LastName")))
                .containsExactly("Zeta", "Mid");
        assertThat(rows("SELECT LastName FROM User ORDER BY LastName LIMIT 1 OFFSET 1").get(0).get("LastName")).isEqualTo("Mid");
        SoqlResult count = engine.execute("SELECT COUNT() FROM User WHERE IsActive = true", db, "62.0", false);
        assertThat(count.totalSize()).isEqualTo(2);
        assertThat(count.records()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Id FROM Nope|INVALID_TYPE",
            "SELECT Nope FROM User|INVALID_FIELD",
            "SELECT Profile.Nope FROM User|INVALID_FIELD",
            "SELECT Id FROM User WHERE IsActive = 'true'|INVALID_FIELD",
            "SELECT Id FROM User WHERE Username = 1|INVALID_FIELD",
            "SELECT Id FROM User WHERE Id = 'abc'|INVALID_QUERY_FILTER_OPERATOR",
            "SELECT Id FROM User WHERE IsActive = true AND Username = 'a' OR Username = 'b'|MALFORMED_QUERY",
            "SELECT Id FROM User WHERE Username = 'unterminated|MALFORMED_QUERY",
            "SELECT Id FROM User WHERE Username = 'bad \\q escape'|MALFORMED_QUERY",
            "SELECT FROM User|MALFORMED_QUERY",
            "SELECT Id User|MALFORMED_QUERY",
            "DELETE FROM User|MALFORMED_QUERY",
            "SELECT Id FROM User WHERE|MALFORMED_QUERY",
            "SELECT Id FROM User; DROP|MALFORMED_QUERY"})
    void errors(String soql, String code) {
        assertThatThrownBy(() -> rows(soql)).isInstanceOf(SoqlException.class)
                .satisfies(e -> assertThat(((SoqlException) e).errorCode()).isEqualTo(code));
    }

    @Test
    void tooLongIsRefused() {
        String soql = "SELECT Id FROM User WHERE Username IN ('" + "x".repeat(100_001) + "')";
        assertThatThrownBy(() -> rows(soql)).isInstanceOf(SoqlException.class).hasMessageContaining("too long");
    }

    /** A tiny in-memory org. */
    static final class Db implements SoqlDataSource {
        final Map<String, ObjectSchema> schemas = new HashMap<>();
        final Map<String, List<Map<String, Object>>> records = new HashMap<>();
        final Map<String, Map<String, Object>> byId = new HashMap<>();

        void object(String name, String prefix, Map<String, FieldType> fields) {
            Map<String, FieldSchema> map = new LinkedHashMap<>();
            map.put("id", new FieldSchema("Id", FieldType.ID, null, List.of(), false, false, false));
            fields.forEach((f, t) -> map.put(f.toLowerCase(Locale.ROOT), new FieldSchema(f, t, null, List.of(), true, true, true)));
            schemas.put(name.toLowerCase(Locale.ROOT), new ObjectSchema(name, prefix, map));
        }

        void ref(String object, String field, String target, String relationship) {
            schemas.get(object.toLowerCase(Locale.ROOT)).fields().put(field.toLowerCase(Locale.ROOT),
                    new FieldSchema(field, FieldType.REFERENCE, relationship, List.of(target), true, true, true));
        }

        void put(String object, String id, Map<String, Object> fields) {
            Map<String, Object> r = new HashMap<>(fields);
            r.put("Id", id);
            records.computeIfAbsent(object, k -> new ArrayList<>()).add(r);
            byId.put(id.substring(0, 15), r);
        }

        @Override
        public ObjectSchema schema(String objectName) {
            return schemas.get(objectName.toLowerCase(Locale.ROOT));
        }

        @Override
        public Iterable<Map<String, Object>> records(String objectName, boolean includeDeleted) {
            return records.getOrDefault(schema(objectName).name(), List.of());
        }

        @Override
        public Map<String, Object> byId(String id) {
            return byId.get(id.substring(0, Math.min(15, id.length())));
        }
    }
}
