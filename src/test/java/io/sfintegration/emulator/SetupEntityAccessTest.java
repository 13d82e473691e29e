package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sfintegration.emulator.EmulatorHttp.Answer;
import io.sfintegration.testing.EmulatorRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

/** SetupEntityAccess rows, the seeded setup entities, and JWT bearer logins through a pre-authorized connected app. */
class SetupEntityAccessTest {

    private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    KeyPair key;
    SalesforceEmulator emulator;
    EmulatorRest sf;
    EmulatorHttp admin;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        emulator = SalesforceEmulator.start(EmulatorConfig.builder()
                .connectedApp(SetupEntitySeed.BILLING_APP.consumerKey(), "s1", key.getPublic(), null)
                .connectedApp(SetupEntitySeed.OPEN_APP.consumerKey(), "s2", key.getPublic(), null)
                .build());
        sf = new EmulatorRest(emulator);
        admin = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorRest.SETUP_ADMIN));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /**
     * Describe promises only the writes the rules allow (Object Reference: SetupEntityAccess supports create and
     * delete, not update; ConnectedApplication only describe, query and retrieve), and every object describe calls
     * not createable refuses a create.
     */
    @Test
    void describeSaysWhatTheWriteRulesAllow() {
        JsonNode access = admin.get(V + "/sobjects/SetupEntityAccess/describe").body();
        assertThat(access.path("createable").asBoolean()).isTrue();
        assertThat(access.path("updateable").asBoolean()).isFalse();
        assertThat(access.path("deletable").asBoolean()).isTrue();
        JsonNode app = admin.get(V + "/sobjects/ConnectedApplication/describe").body();
        assertThat(List.of(app.path("createable").asBoolean(), app.path("updateable").asBoolean(), app.path("deletable").asBoolean()))
                .containsOnly(false);
        JsonNode user = admin.get(V + "/sobjects/User/describe").body();
        assertThat(user.path("createable").asBoolean()).isTrue();
        assertThat(user.path("deletable").asBoolean()).isFalse();

        for (JsonNode object : admin.get(V + "/sobjects").body().path("sobjects")) {
            if (!object.path("createable").asBoolean()) {
                Answer refused = admin.post(V + "/sobjects/" + object.path("name").asText(), Map.of());
                assertThat(refused.status()).as(object.path("name").asText()).isEqualTo(400);
                assertThat(refused.errorCode()).as(object.path("name").asText()).isEqualTo("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY");
            }
        }
    }

    @Test
    void theDefaultOrgHasAppsClassesAndCustomPermissions() {
        assertThat(sf.query("SELECT Id, Name, OptionsAllowAdminApprovedUsersOnly FROM ConnectedApplication")).hasSize(2);
        assertThat(sf.one("SELECT Id, NamespacePrefix FROM ApexClass WHERE Name = 'SyncApi'").path("NamespacePrefix").asText()).isEqualTo("acme");
        assertThat(sf.query("SELECT Id FROM CustomPermission WHERE DeveloperName IN ('Export_Invoices', 'Approve_Payments')")).hasSize(2);
    }

    @Test
    void aRowGrantsAnExistingEntityOnceAndGoesWithItsSet() {
        String ps = sf.create("PermissionSet", Map.of("Name", "Billing_Access", "Label", "Billing Access"));
        String cls = sf.one("SELECT Id FROM ApexClass WHERE Name = 'InvoiceService'").path("Id").asText();
        String row = sf.create("SetupEntityAccess", Map.of("ParentId", ps, "SetupEntityId", cls));
        JsonNode read = sf.one("SELECT Id, SetupEntityId, SetupEntityType, Parent.Name FROM SetupEntityAccess WHERE ParentId = '" + ps + "'");
        assertThat(read.path("Id").asText()).isEqualTo(row);
        assertThat(read.path("SetupEntityType").asText()).isEqualTo("ApexClass");
        assertThat(read.path("Parent").path("Name").asText()).isEqualTo("Billing_Access");

        Answer duplicate = admin.post(V + "/sobjects/SetupEntityAccess", Map.of("ParentId", ps, "SetupEntityId", cls));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo("DUPLICATE_VALUE");

        String user = sf.one("SELECT Id FROM User WHERE Username = '" + EmulatorRest.SETUP_ADMIN + "'").path("Id").asText();
        Answer notAnEntity = admin.post(V + "/sobjects/SetupEntityAccess", Map.of("ParentId", ps, "SetupEntityId", user));
        assertThat(notAnEntity.status()).isEqualTo(400);
        assertThat(notAnEntity.errorCode()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");

        Answer update = admin.patch(V + "/sobjects/SetupEntityAccess/" + row, Map.of("SetupEntityId", cls));
        assertThat(update.status()).isEqualTo(400);

        sf.delete("PermissionSet", ps);
        assertThat(sf.query("SELECT Id FROM SetupEntityAccess WHERE Id = '" + row + "'")).isEmpty();
    }

    @Test
    void aPreAuthorizedAppAdmitsOnlyUsersGrantedItThroughAPermissionSet() throws Exception {
        String username = "billing.sync@acme.example.com";
        String user = sf.createApiOnlyUser(username, "Billing Sync", username, "bsync");

        Answer refused = jwtToken(SetupEntitySeed.BILLING_APP.consumerKey(), username);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refused.body().path("error_description").asText()).isEqualTo("user hasn't approved this consumer");
        // an app whose Permitted Users is "All users may self-authorize" does not ask for the grant
        assertThat(jwtToken(SetupEntitySeed.OPEN_APP.consumerKey(), username).status()).isEqualTo(200);

        String ps = sf.create("PermissionSet", Map.of("Name", "Billing_App_Access", "Label", "Billing App Access"));
        String app = sf.one("SELECT Id FROM ConnectedApplication WHERE Name = '" + SetupEntitySeed.BILLING_APP.name() + "'").path("Id").asText();
        sf.create("SetupEntityAccess", Map.of("ParentId", ps, "SetupEntityId", app));
        assertThat(jwtToken(SetupEntitySeed.BILLING_APP.consumerKey(), username).status())
                .as("granted to a set the user does not have").isEqualTo(400);

        sf.create("PermissionSetAssignment", Map.of("AssigneeId", user, "PermissionSetId", ps));
        Answer admitted = jwtToken(SetupEntitySeed.BILLING_APP.consumerKey(), username);
        assertThat(admitted.status()).as(admitted.raw().body()).isEqualTo(200);
        assertThat(admitted.body().path("access_token").asText()).isNotBlank();
    }

    private Answer jwtToken(String clientId, String username) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(username).audience("https://login.salesforce.com")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return new EmulatorHttp(emulator.baseUrl(), null).form("/services/oauth2/token", Map.of("grant_type", JWT_GRANT, "assertion", jwt.serialize()));
    }
}
