package io.sfintegration.emulator.soql;

import static io.sfintegration.emulator.soql.InMemoryOrg.field;
import static io.sfintegration.emulator.soql.InMemoryOrg.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultSoqlEngineTest {
    static final String UL_INTEG = "100000000000001AAA";
    static final String UL_SF = "100000000000002AAA";
    static final String P_INTEG = "00e000000000001AAA";
    static final String P_ADMIN = "00e000000000002AAA";
    static final String P_STD = "00e000000000003AAA";
    static final String U_ADMIN = "005000000000001AAA";
    static final String U_INTEG1 = "005000000000002AAA";
    static final String U_OBRIEN = "005000000000003AAA";
    static final String U_ORPHAN = "005000000000004AAA";
    static final String PS_API = "0PS000000000001AAA";
    static final String PS_PROFILE = "0PS000000000002AAA";

    static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
    final SoqlEngine engine = new DefaultSoqlEngine(Clock.fixed(NOW, ZoneOffset.UTC));
    final InMemoryOrg org = sampleOrg();

    static InMemoryOrg sampleOrg() {
        InMemoryOrg org = new InMemoryOrg()
                .object("UserLicense", "100", field("Name", FieldType.STRING), field("MasterLabel", FieldType.STRING),
                        field("TotalLicenses", FieldType.INT), field("UsedLicenses", FieldType.INT),
                        field("Status", FieldType.PICKLIST))
                .object("Profile", "00e", field("Name", FieldType.STRING),
                        ref("UserLicenseId", "UserLicense", "UserLicense"), field("UserType", FieldType.PICKLIST))
                .object("User", "005", field("Username", FieldType.STRING), field("LastName", FieldType.STRING),
                        field("Email", FieldType.EMAIL), field("IsActive", FieldType.BOOLEAN),
                        ref("ProfileId", "Profile", "Profile"), field("CreatedDate", FieldType.DATETIME),
                        ref("CreatedById", "CreatedBy", "User"), field("Department", FieldType.STRING))
                .object("PermissionSet", "0PS", field("Name", FieldType.STRING), field("Label", FieldType.STRING),
                        field("IsOwnedByProfile", FieldType.BOOLEAN), ref("ProfileId", "Profile", "Profile"),
                        ref("LicenseId", "License", "UserLicense"))
                .object("PermissionSetAssignment", "0Pa", ref("AssigneeId", "Assignee", "User"),
                        ref("PermissionSetId", "PermissionSet", "PermissionSet"),
                        field("ExpirationDate", FieldType.DATE));
        org.add("UserLicense", UL_INTEG, "Name", "Salesforce Integration", "MasterLabel", "Salesforce Integration",
                "TotalLicenses", 5, "UsedLicenses", 1, "Status", "Active");
        org.add("UserLicense", UL_SF, "Name", "Salesforce", "MasterLabel", "Salesforce",
                "TotalLicenses", 10, "UsedLicenses", 2, "Status", "Active");
        org.add("Profile", P_INTEG, "Name", "Minimum Access - API Only Integrations", "UserLicenseId", UL_INTEG,
                "UserType", "Standard");
        org.add("Profile", P_ADMIN, "Name", "System Administrator", "UserLicenseId", UL_SF, "UserType", "Standard");
        org.add("Profile", P_STD, "Name", "Standard User", "UserLicenseId", UL_SF, "UserType", "Standard");
        org.add("User", U_ADMIN, "Username", "admin@example.com", "LastName", "Admin", "Email", "admin@example.com",
                "IsActive", true, "ProfileId", P_ADMIN, "CreatedDate", Instant.parse("2024-01-01T00:00:00Z"),
                "CreatedById", U_ADMIN, "Department", "IT");
        org.add("User", U_INTEG1, "Username", "integ1@example.com", "LastName", "Integration One",
                "Email", "integ1@example.com", "IsActive", true, "ProfileId", P_INTEG,
                "CreatedDate", Instant.parse("2024-02-01T10:00:00Z"), "CreatedById", U_ADMIN, "Department", null);
        org.add("User", U_OBRIEN, "Username", "integ_2@example.com", "LastName", "O'Brien",
                "Email", "obrien@example.com", "IsActive", false, "ProfileId", P_INTEG,
                "CreatedDate", Instant.parse("2024-03-09T23:30:00Z"), "CreatedById", U_ADMIN,
                "Department", "100% Sales");
        org.add("User", U_ORPHAN, "Username", "orphan@example.com", "LastName", "orphan",
                "Email", "orphan@example.com", "IsActive", true, "ProfileId", null, "CreatedDate", null,
                "CreatedById", null, "Department", "");
        org.add("PermissionSet", PS_API, "Name", "Api_Access", "Label", "API Access", "IsOwnedByProfile", false,
                "ProfileId", null, "LicenseId", UL_INTEG);
        org.add("PermissionSet", PS_PROFILE, "Name", "X00e000000000001", "Label", "Profile set",
                "IsOwnedByProfile", true, "ProfileId", P_INTEG, "LicenseId", null);
        org.add("PermissionSetAssignment", "0Pa000000000001AAA", "AssigneeId", U_INTEG1, "PermissionSetId", PS_API,
                "ExpirationDate", LocalDate.parse("2024-12-31"));
        org.add("PermissionSetAssignment", "0Pa000000000002AAA", "AssigneeId", U_OBRIEN, "PermissionSetId", PS_API,
                "ExpirationDate", null);
        org.add("PermissionSetAssignment", "0Pa000000000003AAA", "AssigneeId", U_INTEG1,
                "PermissionSetId", PS_PROFILE, "ExpirationDate", null);
        org.addDeleted("PermissionSet", "0PS000000000009AAA", "Name", "Gone", "Label", "Gone",
                "IsOwnedByProfile", false);
        return org;
    }

    SoqlResult run(String soql) {
        return engine.execute(soql, org, "62.0", false);
    }

    List<Object> column(String soql, String field) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : run(soql).records()) {
            out.add(r.get(field));
        }
        return out;
    }

    List<Object> lastNames(String where) {
        return column("SELECT LastName FROM User WHERE " + where, "LastName");
    }

    void assertError(String soql, String code, String messagePart) {
        assertThatThrownBy(() -> run(soql))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    // ---- shape ----

    @Test
    void rowsHaveAttributesThenFieldsInSelectOrderWithCanonicalSpelling() {
        SoqlResult r = run("select username, ID from user where username = 'ADMIN@example.com'");
        assertThat(r.totalSize()).isEqualTo(1);
        Map<String, Object> row = r.records().get(0);
        assertThat(row.keySet()).containsExactly("attributes", "Username", "Id");
        assertThat(row.get("attributes")).isEqualTo(Map.of("type", "User",
                "url", "/services/data/v62.0/sobjects/User/" + U_ADMIN));
        assertThat(row.get("Username")).isEqualTo("admin@example.com");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nestedParentPathsAreMergedPerRelationship() {
        Map<String, Object> row = run("SELECT Id, Profile.Name, Profile.UserLicense.Name, Profile.Id, CreatedBy.Username "
                + "FROM User WHERE Id = '" + U_INTEG1 + "'").records().get(0);
        assertThat(row.keySet()).containsExactly("attributes", "Id", "Profile", "CreatedBy");
        Map<String, Object> profile = (Map<String, Object>) row.get("Profile");
        assertThat(profile.keySet()).containsExactly("attributes", "Name", "UserLicense", "Id");
        assertThat(profile.get("attributes")).isEqualTo(Map.of("type", "Profile",
                "url", "/services/data/v62.0/sobjects/Profile/" + P_INTEG));
        assertThat(profile.get("Name")).isEqualTo("Minimum Access - API Only Integrations");
        Map<String, Object> license = (Map<String, Object>) profile.get("UserLicense");
        assertThat(license.get("attributes")).isEqualTo(Map.of("type", "UserLicense",
                "url", "/services/data/v62.0/sobjects/UserLicense/" + UL_INTEG));
        assertThat(license.get("Name")).isEqualTo("Salesforce Integration");
        assertThat(((Map<String, Object>) row.get("CreatedBy")).get("Username")).isEqualTo("admin@example.com");
    }

    @Test
    void nullReferenceGivesNullRelationship() {
        Map<String, Object> row = run("SELECT Profile.Name, Profile.UserLicense.Name, Username FROM User "
                + "WHERE Username = 'orphan@example.com'").records().get(0);
        assertThat(row).containsEntry("Profile", null);
        assertThat(row.keySet()).containsExactly("attributes", "Profile", "Username");
    }

    @Test
    void datetimesAndDatesUseSalesforceFormats() {
        assertThat(column("SELECT CreatedDate FROM User WHERE Id = '" + U_INTEG1 + "'", "CreatedDate"))
                .containsExactly("2024-02-01T10:00:00.000+0000");
        assertThat(column("SELECT ExpirationDate FROM PermissionSetAssignment WHERE ExpirationDate != null",
                "ExpirationDate")).containsExactly("2024-12-31");
    }

    @Test
    void valuesKeepTheirJsonTypes() {
        Map<String, Object> row = run("SELECT TotalLicenses, Name FROM UserLicense WHERE Name = 'Salesforce'")
                .records().get(0);
        assertThat(row.get("TotalLicenses")).isEqualTo(10);
        Map<String, Object> user = run("SELECT IsActive FROM User WHERE Id = '" + U_OBRIEN + "'").records().get(0);
        assertThat(user.get("IsActive")).isEqualTo(false);
    }

    @Test
    void relationshipPathsThroughAssignments() {
        SoqlResult r = run("SELECT Assignee.Username, PermissionSet.Name, PermissionSet.License.Name "
                + "FROM PermissionSetAssignment WHERE PermissionSet.Name = 'api_access' ORDER BY Assignee.Username");
        assertThat(r.totalSize()).isEqualTo(2);
        assertThat(r.records().get(0).toString()).contains("integ1@example.com").contains("Salesforce Integration");
    }

    // ---- operators ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "LastName = 'admin'                              | Admin",
        "LastName != 'Admin' AND IsActive = true          | Integration One,orphan",
        "LastName <> 'Admin' AND IsActive = true          | Integration One,orphan",
        "LastName < 'integration one'                     | Admin",
        "LastName <= 'Integration One'                    | Admin,Integration One",
        "LastName > 'o'                                   | O'Brien,orphan",
        "LastName >= 'ORPHAN'                             | orphan",
        "LastName IN ('admin', 'ORPHAN', 'nobody')        | Admin,orphan",
        "LastName NOT IN ('admin', 'ORPHAN')              | Integration One,O'Brien",
        "LastName LIKE 'int%'                             | Integration One",
        "LastName LIKE '%N%'                              | Admin,Integration One,O'Brien,orphan",
        "LastName LIKE 'o_brien'                          | O'Brien",
        "Username LIKE 'integ\\_%'                        | O'Brien",
        "Username LIKE 'integ_%'                          | Integration One,O'Brien",
        "Department LIKE '100\\%%'                        | O'Brien",
        "Department LIKE '100\\% Sales'                   | O'Brien",
        "Department LIKE '100\\%'                         | ''",
        "IsActive = false                                 | O'Brien",
        "IsActive != false                                | Admin,Integration One,orphan",
        "Department = null                                | Integration One,orphan",
        "Department != null                               | Admin,O'Brien",
        "Department = ''                                  | Integration One,orphan",
        "Department != 'IT'                               | Integration One,O'Brien,orphan",
        "ProfileId = null                                 | orphan",
        "Profile.Name = null                              | orphan",
        "Profile.Name != 'System Administrator'           | Integration One,O'Brien,orphan",
        "Profile.UserLicense.Name = 'Salesforce Integration' | Integration One,O'Brien",
        "CreatedDate > 2024-01-15T00:00:00Z               | Integration One,O'Brien",
        "CreatedDate >= 2024-02-01T12:00:00+02:00         | Integration One,O'Brien",
        "CreatedDate < 2024-02-01T10:00:00.000Z           | Admin",
        "CreatedDate = 2024-02-01T05:00:00-0500           | Integration One",
        "CreatedDate = YESTERDAY                          | O'Brien",
        "CreatedDate = LAST_N_DAYS:40                     | Integration One,O'Brien",
        "CreatedDate < LAST_N_DAYS:40                     | Admin",
        "CreatedDate = TODAY                              | ''",
        "CreatedDate > TODAY                              | ''",
        "NOT LastName = 'Admin'                           | Integration One,O'Brien,orphan",
        "NOT (LastName = 'Admin' OR IsActive = false)     | Integration One,orphan",
        "LastName = 'Admin' OR (IsActive = false AND Department LIKE '100%') | Admin,O'Brien",
        "(LastName = 'Admin' OR LastName = 'orphan') AND IsActive = true | Admin,orphan",
        "Id = '005000000000002'                           | Integration One",
        "Id = '005000000000002aaa'                        | Integration One",
        "Id IN ('005000000000001', '005000000000003ZZZ')  | Admin,O'Brien",
        "ProfileId != '00e000000000001AAA'                | Admin,orphan",
        "Id > '005000000000002AAA'                        | O'Brien,orphan",
    })
    void filters(String where, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(lastNames(where)).containsExactlyElementsOf(want);
    }

    @Test
    void idComparisonIsCaseSensitiveOnFifteenCharacters() {
        assertThat(lastNames("Id = '005000000000002aAA'")).containsExactly("Integration One");
        assertThat(lastNames("Id = '005000000000002AAb'")).containsExactly("Integration One");
        assertThat(lastNames("Id = '00500000000000Z'")).isEmpty();
        assertThat(column("SELECT Name FROM Profile WHERE Id = '00E000000000001'", "Name")).isEmpty();
    }

    @Test
    void numberComparisons() {
        assertThat(column("SELECT Name FROM UserLicense WHERE TotalLicenses > 5", "Name")).containsExactly("Salesforce");
        assertThat(column("SELECT Name FROM UserLicense WHERE UsedLicenses IN (1, 3)", "Name"))
                .containsExactly("Salesforce Integration");
        assertThat(column("SELECT Name FROM UserLicense WHERE TotalLicenses >= 5.0 AND UsedLicenses < 2", "Name"))
                .containsExactly("Salesforce Integration");
        assertThat(column("SELECT Name FROM UserLicense WHERE TotalLicenses > -1", "Name")).hasSize(2);
    }

    @Test
    void dateComparisons() {
        assertThat(column("SELECT Id FROM PermissionSetAssignment WHERE ExpirationDate > 2024-06-01", "Id"))
                .containsExactly("0Pa000000000001AAA");
        assertThat(column("SELECT Id FROM PermissionSetAssignment WHERE ExpirationDate = NEXT_N_DAYS:365", "Id"))
                .containsExactly("0Pa000000000001AAA");
        assertThat(column("SELECT Id FROM PermissionSetAssignment WHERE ExpirationDate = null", "Id")).hasSize(2);
    }

    // ---- escapes and hostile input ----

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT Id FROM User WHERE Username = 'a\\' OR Name != \\''",
        "SELECT Id FROM User WHERE LastName = 'x\\' OR LastName != \\'y'",
        "SELECT Id FROM User WHERE Username = '\\'' ",
        "SELECT Id FROM User WHERE LastName = '%'",
        "SELECT Id FROM User WHERE LastName LIKE '\\%'",
    })
    void escapedQuotesNeverBreakOutOfTheLiteral(String soql) {
        assertThat(run(soql).records()).isEmpty();
    }

    @Test
    void escapeSequencesDecode() {
        org.add("User", "005000000000009AAA", "Username", "esc@example.com", "LastName", "a'b\"c\\d\ne\tf\rg\bh\fi",
                "IsActive", true);
        assertThat(lastNames("LastName = 'a\\'b\\\"c\\\\d\\ne\\tf\\rg\\bh\\fi'")).hasSize(1);
        assertThat(lastNames("LastName = 'O\\'brien'")).containsExactly("O'Brien");
    }

    @Test
    void unknownEscapeIsMalformed() {
        assertError("SELECT Id FROM User WHERE LastName = 'a\\qb'", "MALFORMED_QUERY", "Illegal character sequence");
        assertError("SELECT Id FROM User WHERE LastName = 'a\\", "MALFORMED_QUERY", "unterminated");
    }

    // ---- semi-joins ----

    @Test
    void semiJoinAndAntiJoin() {
        assertThat(lastNames("Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Api_Access')"))
                .containsExactly("Integration One", "O'Brien");
        assertThat(lastNames("Id NOT IN (SELECT AssigneeId FROM PermissionSetAssignment)"))
                .containsExactly("Admin", "orphan");
        assertThat(lastNames("IsActive = true AND Id NOT IN (SELECT AssigneeId FROM PermissionSetAssignment "
                + "WHERE PermissionSetId = '" + PS_PROFILE + "')")).containsExactly("Admin", "orphan");
        assertThat(column("SELECT Name FROM PermissionSet WHERE Id IN (SELECT PermissionSetId FROM "
                + "PermissionSetAssignment WHERE Assignee.Username = 'integ_2@example.com')", "Name"))
                .containsExactly("Api_Access");
        assertThat(lastNames("ProfileId IN (SELECT ProfileId FROM PermissionSet WHERE IsOwnedByProfile = true)"))
                .containsExactly("Integration One", "O'Brien");
    }

    @Test
    void semiJoinErrors() {
        assertError("SELECT Id FROM User WHERE Id IN (SELECT AssigneeId, Id FROM PermissionSetAssignment)",
                "MALFORMED_QUERY", "single");
        assertError("SELECT Id FROM User WHERE LastName IN (SELECT AssigneeId FROM PermissionSetAssignment)",
                "INVALID_FIELD", "semi-join");
        assertError("SELECT Id FROM User WHERE Id IN (SELECT Id FROM User)", "INVALID_TYPE", "same object type");
        assertError("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId IN (SELECT Id FROM User WHERE "
                + "ProfileId IN (SELECT ProfileId FROM PermissionSet))", "MALFORMED_QUERY", "Nesting");
        assertError("SELECT Id FROM User WHERE Id IN (SELECT AssigneeId FROM Nope)", "INVALID_TYPE", "Nope");
        assertError("SELECT Id FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment ORDER BY Id)",
                "MALFORMED_QUERY", "unexpected token: 'ORDER'");
    }

    // ---- ordering, paging, counting ----

    @Test
    void orderByLimitOffset() {
        assertThat(column("SELECT LastName FROM User ORDER BY LastName", "LastName"))
                .containsExactly("Admin", "Integration One", "O'Brien", "orphan");
        assertThat(column("SELECT LastName FROM User ORDER BY LastName DESC", "LastName"))
                .containsExactly("orphan", "O'Brien", "Integration One", "Admin");
        assertThat(column("SELECT LastName FROM User ORDER BY LastName LIMIT 2 OFFSET 1", "LastName"))
                .containsExactly("Integration One", "O'Brien");
        assertThat(column("SELECT LastName FROM User ORDER BY LastName OFFSET 3", "LastName"))
                .containsExactly("orphan");
        assertThat(column("SELECT LastName FROM User ORDER BY LastName LIMIT 0", "LastName")).isEmpty();
        assertThat(column("SELECT LastName FROM User ORDER BY LastName OFFSET 2000", "LastName")).isEmpty();
    }

    @Test
    void nullsFirstByDefaultAndNullsLastOnRequest() {
        assertThat(column("SELECT LastName FROM User ORDER BY Department, LastName", "LastName"))
                .containsExactly("Integration One", "orphan", "O'Brien", "Admin");
        assertThat(column("SELECT LastName FROM User ORDER BY Department DESC NULLS LAST, LastName", "LastName"))
                .containsExactly("Admin", "O'Brien", "Integration One", "orphan");
        assertThat(column("SELECT LastName FROM User ORDER BY Profile.Name ASC NULLS LAST, LastName DESC", "LastName"))
                .containsExactly("O'Brien", "Integration One", "Admin", "orphan");
        assertThat(column("SELECT LastName FROM User ORDER BY IsActive, CreatedDate DESC", "LastName"))
                .containsExactly("O'Brien", "orphan", "Integration One", "Admin");
    }

    @Test
    void countAll() {
        SoqlResult r = run("SELECT COUNT() FROM User WHERE IsActive = true");
        assertThat(r.totalSize()).isEqualTo(3);
        assertThat(r.records()).isEmpty();
        assertThat(run("select count() from User limit 2").totalSize()).isEqualTo(2);
        assertThat(run("SELECT COUNT() FROM User WHERE LastName = 'nobody'").totalSize()).isZero();
    }

    @Test
    void countOfFieldIsAnAggregateResult() {
        SoqlResult r = run("SELECT COUNT(Id), COUNT(Department) depts FROM User");
        assertThat(r.totalSize()).isEqualTo(1);
        assertThat(r.records().get(0)).containsEntry("expr0", 4).containsEntry("depts", 2)
                .containsEntry("attributes", Map.of("type", "AggregateResult"));
    }

    @Test
    void queryAllIncludesDeletedRows() {
        assertThat(engine.execute("SELECT Name FROM PermissionSet", org, "62.0", true).totalSize()).isEqualTo(3);
        assertThat(run("SELECT Name FROM PermissionSet").totalSize()).isEqualTo(2);
    }

    @Test
    void keywordsAndNamesAreCaseInsensitive() {
        assertThat(column("sElEcT lastname, PROFILE.name FrOm USER wHeRe isactive = TRUE aNd lastname Like 'ADM%' "
                + "OrDeR bY LastName dEsC nUlLs LaSt LiMiT 5", "LastName")).containsExactly("Admin");
        assertThat(run("SELECT Id FROM permissionsetassignment WHERE permissionset.NAME = 'API_ACCESS'").totalSize())
                .isEqualTo(2);
    }

    @Test
    void whitespaceAndNewlinesAreTolerated() {
        assertThat(run("\n  SELECT\tId,\r\n LastName\nFROM   User\nWHERE LastName='Admin'  ").totalSize()).isEqualTo(1);
    }

    // ---- errors ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT Id FROM Foo                                  | INVALID_TYPE    | sObject type 'Foo' is not supported.",
        "SELECT Foo FROM User                                | INVALID_FIELD   | No such column 'Foo' on entity 'User'.",
        "SELECT Id FROM User WHERE Foo = 'x'                 | INVALID_FIELD   | No such column 'Foo' on entity 'User'.",
        "SELECT Profile.Foo FROM User                        | INVALID_FIELD   | No such column 'Foo' on entity 'Profile'.",
        "SELECT Bogus.Name FROM User                         | INVALID_FIELD   | Didn't understand relationship 'Bogus'",
        "SELECT Profile FROM User                            | INVALID_FIELD   | No such column 'Profile'",
        "SELECT Id FROM User ORDER BY Nope                   | INVALID_FIELD   | No such column 'Nope'",
        "SELECT Id FROM User WHERE IsActive = 'true'         | INVALID_FIELD   | must be of type boolean and should not be enclosed in quotes",
        "SELECT Id FROM User WHERE LastName = 5              | INVALID_FIELD   | must be of type string and should be enclosed in quotes",
        "SELECT Id FROM User WHERE CreatedDate > 2024-01-01  | INVALID_FIELD   | must be of type dateTime",
        "SELECT Id FROM User WHERE CreatedDate > '2024-01-01T00:00:00Z' | INVALID_FIELD | must be of type dateTime",
        "SELECT Id FROM UserLicense WHERE TotalLicenses = '5' | INVALID_FIELD  | must be of type int",
        "SELECT Id FROM User WHERE Id = 'abc'                | INVALID_QUERY_FILTER_OPERATOR | invalid ID field: abc",
        "SELECT Id FROM User WHERE Id IN ('005000000000001', 'nope') | INVALID_QUERY_FILTER_OPERATOR | invalid ID field: nope",
        "SELECT Id FROM User WHERE IsActive LIKE 'x'         | INVALID_QUERY_FILTER_OPERATOR | invalid operator on boolean field",
        "SELECT Id FROM User WHERE IsActive > true           | INVALID_QUERY_FILTER_OPERATOR | invalid operator",
        "SELECT Id FROM User WHERE a = 'x' AND b = 'y' OR c = 'z' | MALFORMED_QUERY | unexpected token: 'OR'",
        "SELECT Id FROM User WHERE LastName = 'a' OR LastName = 'b' AND IsActive = true | MALFORMED_QUERY | unexpected token: 'AND'",
        "SELECT Id FROM User WHERE                           | MALFORMED_QUERY | unexpected token: '<EOF>'",
        "SELECT FROM User                                    | MALFORMED_QUERY | unexpected token: 'FROM'",
        "SELECT Id User                                      | MALFORMED_QUERY | unexpected token: 'User'",
        "SELECT Id FROM User WHERE LastName = \"x\"          | MALFORMED_QUERY | unexpected token",
        "SELECT Id FROM User WHERE LastName == 'x'           | MALFORMED_QUERY | unexpected token: '='",
        "SELECT Id FROM User LIMIT -1                        | MALFORMED_QUERY | unexpected token: '-1'",
        "SELECT Id FROM User LIMIT 1.5                       | MALFORMED_QUERY | unexpected token: '1.5'",
        "SELECT Id FROM User OFFSET 2001                     | NUMBER_OUTSIDE_VALID_RANGE | Maximum SOQL offset allowed is 2000",
        "SELECT Id FROM User OFFSET 1 LIMIT 1                | MALFORMED_QUERY | unexpected token: 'LIMIT'",
        "SELECT Id FROM User; DELETE FROM User               | MALFORMED_QUERY | unexpected token: ';'",
        "SELECT Id, id FROM User                             | MALFORMED_QUERY | duplicate field selected: id",
        "SELECT COUNT(), Id FROM User                        | MALFORMED_QUERY | COUNT()",
        "SELECT COUNT(Id), LastName FROM User                | MALFORMED_QUERY | Field must be grouped or aggregated: LastName",
        "SELECT Id FROM User WHERE CreatedDate > 2024-02-30T00:00:00Z | MALFORMED_QUERY | 2024-02-30",
        "SELECT Id FROM User WHERE CreatedDate > LAST_N_DAYS | MALFORMED_QUERY | unexpected token",
        "SELECT Id FROM User WHERE CreatedDate > SOMEDAY     | MALFORMED_QUERY | unexpected token: 'SOMEDAY'",
        "SELECT Id FROM User WHERE LastName IN ()            | MALFORMED_QUERY | unexpected token: ')'",
        "SELECT Id FROM User WHERE (LastName = 'a'           | MALFORMED_QUERY | unexpected token: '<EOF>'",
        "SELECT Profile..Name FROM User                      | MALFORMED_QUERY | unexpected token",
        "DELETE FROM User                                    | MALFORMED_QUERY | unexpected token: 'DELETE'",
        "SELECT Id FROM User GROUP BY Id                     | MALFORMED_QUERY | unexpected token: 'GROUP'",
    })
    void errors(String soql, String code, String messagePart) {
        assertError(soql, code, messagePart);
    }

    @Test
    void positionalErrorsPointAtTheToken() {
        assertThatThrownBy(() -> run("SELECT Foo FROM User"))
                .hasMessage("\nSELECT Foo FROM User\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity "
                        + "'User'. If you are attempting to use a custom field, be sure to append the '__c' after the "
                        + "custom field name. Please reference your WSDL or the describe call for the appropriate names.");
        assertThatThrownBy(() -> run("SELECT Id\nFROM Nope"))
                .hasMessageContaining("ERROR at Row:2:Column:6\nsObject type 'Nope' is not supported.");
    }

    @Test
    void blankAndAbsurdInputsAreRejectedNotCrashed() {
        assertError("", "MALFORMED_QUERY", "<EOF>");
        assertError("   ", "MALFORMED_QUERY", "<EOF>");
        String tooLong = "SELECT Id FROM User WHERE LastName = '" + "x".repeat(100_000) + "'";
        assertError(tooLong, "MALFORMED_QUERY", "Query too long");
        String deep = "SELECT Id FROM User WHERE " + "(".repeat(5_000) + "LastName = 'a'" + ")".repeat(5_000);
        assertError(deep, "MALFORMED_QUERY", "too complicated");
        String nots = "SELECT Id FROM User WHERE " + "NOT ".repeat(5_000) + "LastName = 'a'";
        assertError(nots, "MALFORMED_QUERY", "too complicated");
    }

    @Test
    void hostileLikePatternsStayFast() {
        org.add("User", "005000000000008AAA", "Username", "long@example.com", "LastName", "a".repeat(5_000),
                "IsActive", true);
        long start = System.nanoTime();
        assertThat(lastNames("LastName LIKE '" + "%a".repeat(2_000) + "%b'")).isEmpty();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void largeInListsAndSemiJoinsOverManyRecords() {
        InMemoryOrg big = sampleOrg();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            String id = String.format("005%012dAAA", 100_000 + k);
            big.add("User", id, "Username", "u" + k + "@example.com", "LastName", "L" + k, "IsActive", k % 2 == 0,
                    "ProfileId", P_STD);
            if (k % 10 == 0 && ids.size() < 2_000) {
                ids.add(id);
            }
            if (k % 7 == 0) {
                big.add("PermissionSetAssignment", String.format("0Pa%012dAAA", 100_000 + k), "AssigneeId", id,
                        "PermissionSetId", PS_API);
            }
        }
        StringBuilder in = new StringBuilder();
        for (String id : ids) {
            in.append(in.length() == 0 ? "" : ",").append('\'').append(id).append('\'');
        }
        String soql = "SELECT Id, Username, Profile.Name FROM User WHERE Id IN (" + in + ") AND Id NOT IN "
                + "(SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Api_Access')";
        long start = System.nanoTime();
        SoqlResult r = engine.execute(soql, big, "62.0", false);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // ids are multiples of 10; those that are also multiples of 7 (every 70th) have the assignment
        assertThat(r.totalSize()).isEqualTo(2_000 - 286);
        System.out.println("IN(2000) + anti-join over 20,000 users: " + elapsedMs + " ms");
    }

    @Test
    void engineIsSafeUnderConcurrentUse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                String soql = k % 2 == 0 ? "SELECT Id FROM User WHERE IsActive = true"
                        : "SELECT Id FROM User WHERE LastName LIKE '%" + (k % 5) + "%'";
                futures.add(pool.submit(() -> run(soql).totalSize()));
            }
            for (int k = 0; k < futures.size(); k++) {
                assertThat(futures.get(k).get()).isEqualTo(k % 2 == 0 ? 3 : 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
