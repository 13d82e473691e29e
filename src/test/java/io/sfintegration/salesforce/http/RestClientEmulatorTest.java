package io.sfintegration.salesforce.http;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.AuthenticationException;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.NewPermissionSet;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the Salesforce emulator: every auth flow, batching, faults and hostile input. */
@EnableKubernetesMockClient(crud = true)
class RestClientEmulatorTest {

    static KubernetesClient kubernetes;
    private static final KeyPair KEYS = TestOrgs.rsaKeyPair();
    private static final ResilienceSettings FAST = ResilienceSettings.defaults()
            .withRetry(3, Duration.ofMillis(1), Duration.ofMillis(5))
            .withCircuitBreaker(50f, 4, 4, Duration.ofMillis(300), 1);
    private static EmulatorAccess emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorAccess.start(TestCertificates.selfSigned(KEYS), 5_000);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private SalesforceClientProvider provider(Clock clock) {
        return new SalesforceClientProvider(kubernetes, new SimpleMeterRegistry(), FAST, clock,
                TrustedUrls.withExtra(java.util.List.of(emulator.baseUrl(), emulator.baseUrl().replace("127.0.0.1", "localhost"))));
    }

    private SalesforceOrg jwtOrg(String name, String pem) {
        TestOrgs.secret(kubernetes, name, Map.of("privateKey", pem));
        return TestOrgs.org(name, emulator.baseUrl(), TestOrgs.jwt(emulator.clientId(), emulator.adminUsername(), name), 10);
    }

    private SalesforceClient staticClient() {
        TestOrgs.secret(kubernetes, "static", Map.of("token", emulator.accessToken()));
        return provider(Clock.systemUTC()).forOrg(TestOrgs.org("static", emulator.baseUrl(), TestOrgs.staticToken("static"), 10));
    }

    static UserFields user(String username, String profileId) {
        return new UserFields(username, "ops@example.com", null, "Integration", "intg", "America/Los_Angeles", "en_US",
                "en_US", "UTF-8", profileId);
    }

    @Test
    void jwtBearerWithEitherKeyFormatAuthenticates() {
        for (String pem : List.of(TestOrgs.pkcs8Pem(KEYS), TestOrgs.pkcs1Pem(KEYS))) {
            OrgSnapshot org = provider(Clock.systemUTC()).forOrg(jwtOrg("jwt", pem)).describeOrg(List.of(), List.of());
            assertThat(org.orgId()).isEqualTo(emulator.orgId());
            assertThat(org.operatorUserId()).isNotBlank();
        }
    }

    @Test
    void jwtWithAnotherKeyIsRefused() {
        SalesforceOrg org = jwtOrg("jwt-other", TestOrgs.pkcs8Pem(TestOrgs.rsaKeyPair()));
        assertThatThrownBy(() -> provider(Clock.systemUTC()).forOrg(org).describeOrg(List.of(), List.of()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void jwtWithTheWrongAudienceIsRefused() {
        SalesforceOrg org = jwtOrg("jwt-aud", TestOrgs.pkcs8Pem(KEYS));
        // same server, other name: the JWT's aud no longer names the emulator's login URL
        org.getSpec().setLoginUrl(emulator.baseUrl().replace("127.0.0.1", "localhost"));
        assertThatThrownBy(() -> provider(Clock.systemUTC()).forOrg(org).describeOrg(List.of(), List.of()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anExpiredJwtIsRefused() {
        SalesforceOrg org = jwtOrg("jwt-exp", TestOrgs.pkcs8Pem(KEYS));
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-30));
        assertThatThrownBy(() -> provider(past).forOrg(org).describeOrg(List.of(), List.of()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void clientCredentialsGoodAndBad() {
        TestOrgs.secret(kubernetes, "cc-good", Map.of("clientId", emulator.clientId(), "clientSecret", emulator.clientSecret()));
        TestOrgs.secret(kubernetes, "cc-bad", Map.of("clientId", emulator.clientId(), "clientSecret", "wrong"));
        SalesforceClientProvider provider = provider(Clock.systemUTC());
        assertThat(provider.forOrg(TestOrgs.org("cc-good", emulator.baseUrl(), TestOrgs.clientCredentials("cc-good"), 10))
                .describeOrg(List.of(), List.of()).orgId()).isEqualTo(emulator.orgId());
        assertThatThrownBy(() -> provider.forOrg(TestOrgs.org("cc-bad", emulator.baseUrl(), TestOrgs.clientCredentials("cc-bad"), 10))
                .describeOrg(List.of(), List.of())).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aRevokedTokenIsReplacedOnce() {
        SalesforceClient client = provider(Clock.systemUTC()).forOrg(jwtOrg("jwt-refresh", TestOrgs.pkcs8Pem(KEYS)));
        client.describeOrg(List.of(), List.of());
        emulator.revokeAllTokens();
        assertThat(client.describeOrg(List.of(), List.of()).orgId()).isEqualTo(emulator.orgId());
    }

    @Test
    void aStaticTokenWorksAndDescribesTheOrg() {
        OrgSnapshot org = staticClient().describeOrg(List.of("Salesforce Integration", "Salesforce API Integration"),
                List.of("Minimum Access - API Only Integrations"));
        assertThat(org.license(LicenseKind.USER, "Salesforce Integration")).get().extracting(License::total).isEqualTo(5_000);
        assertThat(org.license(LicenseKind.PERMISSION_SET, "Salesforce API Integration")).isPresent();
        assertThat(org.profile("Minimum Access - API Only Integrations")).get()
                .satisfies(p -> assertThat(p.apiOnly()).isTrue());
    }

    @Test
    void oneUserIsProvisionedWithOneCompositeCall() {
        SalesforceClient client = staticClient();
        Ids ids = Ids.read(client);
        String permissionSet = createPermissionSet(client, "Composite_Test_PS", ids.psl());
        long before = emulator.apiCalls();
        List<ProvisioningResult> results = client.provisionUsers(List.of(new UserProvisioning(
                user("composite.user@example.com", ids.profile()), true, true, List.of(ids.psl()), List.of(permissionSet))));
        assertThat(emulator.apiCalls() - before).isEqualTo(1);
        ProvisioningResult r = results.get(0);
        assertThat(r.user().success()).as(r.toString()).isTrue();
        assertThat(r.permissionSetLicenseAssignments()).allMatch(SaveResult::success);
        assertThat(r.permissionSetAssignments()).allMatch(SaveResult::success);
        assertThat(r.freeze().success()).as(r.toString()).isTrue();

        UserState state = client.findUsersByUsername(List.of("COMPOSITE.user@example.com")).get("composite.user@example.com");
        assertThat(state.login().frozen()).isTrue();
        assertThat(state.permissionSetAssignments()).extracting(a -> a.targetName()).containsExactly("Composite_Test_PS");
        assertThat(state.permissionSetLicenseAssignments()).hasSize(1);
        assertThat(client.findUsersById(List.of(state.user().id()))).containsKey(state.user().id());
    }

    @Test
    void collectionsReportPartialFailures() {
        SalesforceClient client = staticClient();
        Ids ids = Ids.read(client);
        String permissionSet = createPermissionSet(client, "Partial_Test_PS", ids.psl());
        List<ProvisioningResult> users = client.provisionUsers(List.of(
                new UserProvisioning(user("partial.a@example.com", ids.profile()), true, false, List.of(ids.psl()), List.of()),
                new UserProvisioning(user("partial.b@example.com", ids.profile()), true, false, List.of(ids.psl()), List.of()),
                new UserProvisioning(user("partial.c@example.com", ids.profile()), true, false, List.of(ids.psl()), List.of()),
                new UserProvisioning(user("partial.a@example.com", ids.profile()), true, false, List.of(ids.psl()), List.of())));
        assertThat(users).extracting(u -> u.user().success()).containsExactly(true, true, true, false);
        assertThat(users.get(3).user().hasErrorCode("DUPLICATE_USERNAME")).isTrue();
        String a = users.get(0).user().id();
        List<SaveResult> assigned = client.assignPermissionSets(List.of(new NewAssignment(a, permissionSet),
                new NewAssignment(users.get(1).user().id(), permissionSet), new NewAssignment(a, permissionSet)));
        assertThat(assigned).extracting(SaveResult::success).containsExactly(true, true, false);
        assertThat(assigned.get(2).hasErrorCode("DUPLICATE_VALUE")).isTrue();
    }

    @Test
    void aBatchOfUsersIsProvisionedInOneCall() {
        SalesforceClient client = staticClient();
        Ids ids = Ids.read(client);
        String first = createPermissionSet(client, "Bulk_First_PS", ids.psl());
        String second = createPermissionSet(client, "Bulk_Second_PS", ids.psl());
        List<UserProvisioning> batch = new ArrayList<>();
        for (int i = 0; i < 70; i++) {   // 70 users, 70 licences and 140 permission sets: four collections, one call
            batch.add(new UserProvisioning(user("bulk." + i + "@example.com", ids.profile()), true, i == 7,
                    List.of(ids.psl()), List.of(first, second)));
        }
        long before = emulator.apiCalls();
        List<ProvisioningResult> results = client.provisionUsers(batch);
        assertThat(emulator.apiCalls() - before).as("one composite, plus the freeze of user 7 (a query and an update)").isEqualTo(3);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.user().success()).as(r.toString()).isTrue();
            assertThat(r.permissionSetLicenseAssignments()).allMatch(SaveResult::success);
            assertThat(r.permissionSetAssignments()).hasSize(2).allMatch(SaveResult::success);
        });
        Map<String, UserState> found = client.findUsersByUsername(batch.stream().map(u -> u.user().username()).toList());
        assertThat(found).hasSize(70);
        assertThat(found.values()).allSatisfy(u -> {
            assertThat(u.permissionSetLicenseAssignments()).hasSize(1);
            assertThat(u.permissionSetAssignments()).extracting(a -> a.targetName()).containsExactlyInAnyOrder("Bulk_First_PS", "Bulk_Second_PS");
        });
        assertThat(found.get("bulk.7@example.com").login().frozen()).isTrue();
        assertThat(found.get("bulk.8@example.com").login().frozen()).isFalse();
    }

    @Test
    void aFailedUserInABatchCostsOneFollowUpCallPerAssignmentKind() {
        SalesforceClient client = staticClient();
        Ids ids = Ids.read(client);
        String set = createPermissionSet(client, "Bulk_Partial_PS", ids.psl());
        List<UserProvisioning> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new UserProvisioning(user("bulkpart." + i + "@example.com", ids.profile()), true, false, List.of(ids.psl()), List.of(set)));
        }
        batch.set(2, new UserProvisioning(user("bulkpart.0@example.com", ids.profile()), true, false, List.of(ids.psl()), List.of(set)));
        long before = emulator.apiCalls();
        List<ProvisioningResult> results = client.provisionUsers(batch);
        // the assignment collections reference the failed user, fail as a whole and are sent again with real ids
        assertThat(emulator.apiCalls() - before).isEqualTo(3);
        assertThat(results).extracting(r -> r.user().success()).containsExactly(true, true, false, true, true);
        assertThat(results.get(2).user().hasErrorCode("DUPLICATE_USERNAME")).isTrue();
        assertThat(results.get(2).permissionSetAssignments()).noneMatch(SaveResult::success);
        for (int i : new int[]{0, 1, 3, 4}) {
            assertThat(results.get(i).permissionSetLicenseAssignments()).allMatch(SaveResult::success);
            assertThat(results.get(i).permissionSetAssignments()).allMatch(SaveResult::success);
        }
        Map<String, UserState> found = client.findUsersByUsername(List.of("bulkpart.0@example.com", "bulkpart.1@example.com",
                "bulkpart.3@example.com", "bulkpart.4@example.com"));
        assertThat(found.values()).hasSize(4).allSatisfy(u -> assertThat(u.permissionSetAssignments()).hasSize(1));
    }

    @Test
    void permissionSetsAreCreatedTogetherInOneCall() {
        SalesforceClient client = staticClient();
        Ids ids = Ids.read(client);
        createPermissionSet(client, "Together_Taken", ids.psl());
        List<NewPermissionSet> sets = new ArrayList<>();
        for (String name : List.of("Together_A", "Together_Taken", "Together_B")) {
            sets.add(new NewPermissionSet(new PermissionSetFields(name, name.replace('_', ' '), "bulk", ids.psl(), Set.of("ApiEnabled")),
                    List.of(new ObjectAccess(null, null, "Account", true, true, false, false, false, false)),
                    List.of(new FieldAccess(null, null, "Account.Phone", true, false))));
        }
        long before = emulator.apiCalls();
        List<SaveResult> results = client.createPermissionSets(sets);
        // the rows of the set that failed fail their collections as a whole: sent again, one call per kind
        assertThat(emulator.apiCalls() - before).isEqualTo(3);
        assertThat(results).extracting(SaveResult::success).containsExactly(true, false, true);
        assertThat(results.get(1).hasErrorCode("DUPLICATE_DEVELOPER_NAME")).as(results.get(1).toString()).isTrue();
        assertThat(results.get(0).errors()).isEmpty();
        Map<String, PermissionSetState> found = client.findPermissionSets(List.of("Together_A", "Together_B"));
        assertThat(found.values()).hasSize(2).allSatisfy(ps -> {
            assertThat(ps.fields().licenseId()).isNotNull();
            assertThat(ps.objectPermissions()).singleElement().satisfies(o -> assertThat(o.create()).isTrue());
            assertThat(ps.fieldPermissions()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("Account.Phone"));
            assertThat(ps.fields().userPermissions()).contains("ApiEnabled");
        });

        before = emulator.apiCalls();
        List<NewPermissionSet> clean = List.of(
                new NewPermissionSet(new PermissionSetFields("Together_C", "C", null, ids.psl(), Set.of()), sets.get(0).objects(), sets.get(0).fieldPermissions()),
                new NewPermissionSet(new PermissionSetFields("Together_D", "D", null, ids.psl(), Set.of()), sets.get(0).objects(), sets.get(0).fieldPermissions()));
        assertThat(client.createPermissionSets(clean)).allMatch(r -> r.success() && r.errors().isEmpty());
        assertThat(emulator.apiCalls() - before).isEqualTo(1);
    }

    @Test
    void transientFaultsAreRetriedAndPermanentOnesAreNot() {
        SalesforceClient client = staticClient();
        client.describeOrg(List.of(), List.of());
        long before = emulator.apiCalls();
        emulator.failNextCalls(2, 503);
        assertThat(client.countAssignments("0PS000000000001AAA")).isZero();
        assertThat(emulator.apiCalls() - before).isEqualTo(3);

        before = emulator.apiCalls();
        assertThatThrownBy(() -> client.updatePermissionSet("0PS000000000001AAA",
                new PermissionSetFields("X", "X", null, null, Set.of("NoSuchPermission"))).orThrow())
                .isInstanceOf(SalesforceException.class);
        assertThat(emulator.apiCalls() - before).isLessThanOrEqualTo(2); // describe (cached) + one PATCH, no retry
    }

    @Test
    void theCircuitOpensAndCloses() throws Exception {
        SalesforceClient client = staticClient();
        client.describeOrg(List.of(), List.of());
        emulator.failNextCalls(100, 503);
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isInstanceOf(SalesforceException.class);
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isInstanceOf(SalesforceException.class);
        long before = emulator.apiCalls();
        assertThatThrownBy(() -> client.countAssignments("0PS000000000001AAA")).isInstanceOf(CircuitOpenException.class);
        assertThat(emulator.apiCalls()).isEqualTo(before);
        emulator.clearFaults();
        // the open circuit refuses calls until its wait is over (300 ms), then lets a trial call through
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .ignoreException(CircuitOpenException.class)
                .until(() -> client.countAssignments("0PS000000000001AAA") == 0);
    }

    @Test
    void hostileValuesMatchNothing() {
        SalesforceClient client = staticClient();
        List<String> hostile = List.of("a' OR Name != '", "x\\' OR Username != '", "%", "_", "%@%", "\\", "' OR '1'='1",
                "admin%", "\"", "a'\nOR Id != '");
        assertThat(client.findUsersByUsername(hostile)).isEmpty();
        assertThat(client.findPermissionSets(hostile)).isEmpty();
        assertThat(client.findUsersById(hostile)).isEmpty();
        assertThat(client.inventory("' OR Name != '", null).users()).isEmpty();
    }

    @Test
    void inventoryPagesThroughManyUsers() {
        SalesforceClient client = staticClient();
        Ids ids = Ids.read(client);
        List<UserProvisioning> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            many.add(new UserProvisioning(user("paging." + i + "@example.com", ids.profile()), true, false, List.of(), List.of()));
        }
        assertThat(client.provisionUsers(many)).allMatch(r -> r.user().success());
        long before = emulator.apiCalls();
        assertThat(client.inventory("Salesforce Integration", ids.psl()).users().size()).isGreaterThanOrEqualTo(2_100);
        assertThat(emulator.apiCalls() - before).isEqualTo(2); // composite + the second page of users
        assertThat(client.findUsersByUsername(many.stream().map(u -> u.user().username()).toList())).hasSize(2_100);
    }

    static String createPermissionSet(SalesforceClient client, String name, String psl) {
        SaveResult created = client.createPermissionSet(new PermissionSetFields(name, name, "test", psl, Set.of("ApiEnabled")),
                List.of(new ObjectAccess(null, null, "Account", true, false, false, false, false, false)),
                List.of(new FieldAccess(null, null, "Account.Phone", true, false)));
        assertThat(created.success()).as(created.toString()).isTrue();
        assertThat(created.errors()).isEmpty();
        return created.id();
    }

    record Ids(String profile, String psl) {
        static Ids read(SalesforceClient client) {
            OrgSnapshot org = client.describeOrg(List.of("Salesforce API Integration"), List.of("Minimum Access - API Only Integrations"));
            return new Ids(org.profile("Minimum Access - API Only Integrations").orElseThrow().id(),
                    org.license(LicenseKind.PERMISSION_SET, "Salesforce API Integration").orElseThrow().id());
        }
    }
}
