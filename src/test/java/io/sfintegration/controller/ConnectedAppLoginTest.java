package io.sfintegration.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetGroupReference;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.SetupEntitySeed;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19, item 5: an integration user the operator made logs in with the JWT bearer flow through a connected app
 * whose Permitted Users is "Admin approved users are pre-authorized", because a PermissionSet grants the app; a user
 * without that set is refused with Salesforce's error.
 */
class ConnectedAppLoginTest {

    OperatorHarness harness;
    KeyPair key;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        harness = OperatorHarness.start(EmulatorConfig.builder()
                .connectedApp(SetupEntitySeed.BILLING_APP.consumerKey(), "billing-secret", key.getPublic(), null).build());
        harness.createOrg();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theGrantedUserLogsInAndTheOtherIsRefused() throws Exception {
        harness.create(PermissionSetGrantsTest.billing());
        harness.awaitCondition(PermissionSet.class, "billing", "Ready", "True");
        harness.create(Resources.user("billing-sync", "billing.sync@acme.example.com", "billing"));
        harness.create(Resources.user("other-sync", "other.sync@acme.example.com"));
        harness.awaitCondition(IntegrationUser.class, "billing-sync", "Ready", "True");
        harness.awaitCondition(IntegrationUser.class, "other-sync", "Ready", "True");

        HttpResponse<String> granted = jwtLogin("billing.sync@acme.example.com");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode token = new ObjectMapper().readTree(granted.body());
        assertThat(token.path("access_token").asText()).isNotBlank();

        HttpResponse<String> refused = jwtLogin("other.sync@acme.example.com");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(refused.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.path("error_description").asText()).isEqualTo("user hasn't approved this consumer");
    }

    /**
     * Issue 19 item 2: the app is granted through a set inside a PermissionSetGroup, and the user gets it by
     * spec.permissionSetGroups (PermissionSetAssignment with PermissionSetGroupId). The operator removes only the group
     * assignment it made; a group a person assigned stays.
     */
    @Test
    void aUserAssignedAGroupLogsInThroughTheGroupsSetAndLosesItWhenTheGroupIsDropped() throws Exception {
        EmulatorRest sf = new EmulatorRest(harness.emulator());
        harness.create(PermissionSetGrantsTest.billing());
        harness.awaitCondition(PermissionSet.class, "billing", "Ready", "True");
        harness.create(PermissionSetGroupControllerTest.group("billing-role", "Billing_Role", PermissionSetReference.ofRef("billing")));
        harness.awaitCondition(PermissionSetGroup.class, "billing-role", "Ready", "True");
        String personal = sf.create("PermissionSetGroup", Map.of("DeveloperName", "Person_Group", "MasterLabel", "Person Group"));
        IntegrationUser user = Resources.user("billing-sync", "billing.sync@acme.example.com");
        user.getSpec().setPermissionSetGroups(new ArrayList<>(List.of(PermissionSetGroupReference.ofRef("billing-role"))));
        harness.create(user);
        IntegrationUser ready = harness.awaitCondition(IntegrationUser.class, "billing-sync", "Ready", "True");
        String userId = ready.getStatus().getUserId();
        assertThat(ready.getStatus().getAssignedPermissionSetGroups()).singleElement().satisfies(g -> {
            assertThat(g.getName()).isEqualTo("Billing_Role");
            assertThat(g.getManaged()).isTrue();
        });
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId + "' AND PermissionSetGroupId != null")).hasSize(1);
        assertThat(jwtLogin("billing.sync@acme.example.com").statusCode()).isEqualTo(200);

        // a person assigns another group; the spec drops the operator's: only the operator's assignment goes
        sf.create("PermissionSetAssignment", Map.of("AssigneeId", userId, "PermissionSetGroupId", personal));
        IntegrationUser edited = harness.get(IntegrationUser.class, "billing-sync");
        edited.getSpec().setPermissionSetGroups(new ArrayList<>());
        harness.client().resource(edited).update();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sf.query("SELECT PermissionSetGroupId FROM PermissionSetAssignment"
                + " WHERE AssigneeId = '" + userId + "' AND PermissionSetGroupId != null"))
                .extracting(r -> r.path("PermissionSetGroupId").asText().substring(0, 15)).containsExactly(personal.substring(0, 15)));
        HttpResponse<String> refused = jwtLogin("billing.sync@acme.example.com");
        assertThat(refused.statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(harness.get(IntegrationUser.class, "billing-sync").getStatus()
                .getAssignedPermissionSetGroups()).singleElement().satisfies(g -> {
                    assertThat(g.getName()).isEqualTo("Person_Group");
                    assertThat(g.getManaged()).isFalse();
                }));
    }

    @Test
    void aGroupThatDoesNotExistIsRefusedWithTheRealErrorCode() {
        EmulatorRest sf = new EmulatorRest(harness.emulator());
        String userId = sf.createApiOnlyUser("nogroup@acme.example.com", "No Group", "nogroup@acme.example.com", "nogroup");
        String gone = sf.create("PermissionSetGroup", Map.of("DeveloperName", "Gone_Group", "MasterLabel", "Gone Group"));
        sf.delete("PermissionSetGroup", gone);
        assertThatThrownBy(() -> sf.create("PermissionSetAssignment", Map.of("AssigneeId", userId, "PermissionSetGroupId", gone)))
                .hasMessageContaining("INVALID_CROSS_REFERENCE_KEY");
    }

    private HttpResponse<String> jwtLogin(String username) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(SetupEntitySeed.BILLING_APP.consumerKey()).subject(username)
                .audience("https://login.salesforce.com").expirationTime(Date.from(Instant.now().plusSeconds(180))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key.getPrivate()));
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + jwt.serialize();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(harness.emulator().baseUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
