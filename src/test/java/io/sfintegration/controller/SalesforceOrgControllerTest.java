package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceOrgControllerTest {

    OperatorHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void reportsOrgIdUsageAndLicenceCapacity() {
        SalesforceOrg org = harness.createOrg();
        assertThat(org.getStatus().getOrgId()).isEqualTo(harness.emulator().orgId());
        assertThat(org.getStatus().getApiUsage().getMax()).isPositive();
        assertThat(org.getStatus().getLicenses()).extracting(l -> l.getName() + "/" + l.getType())
                .contains("Salesforce Integration/UserLicense", "Salesforce API Integration/PermissionSetLicense");
        assertThat(org.getStatus().condition("Authenticated")).get().extracting(c -> c.getStatus()).isEqualTo("True");
        String everything = Serialization.asJson(org) + events();
        assertThat(everything).doesNotContain(harness.emulator().issueAccessToken(harness.emulator().adminUsername()).substring(16));
    }

    @Test
    void missingSecretThenSecretCreated() {
        harness.create(org("team", "missing-secret"));
        SalesforceOrg org = harness.awaitCondition(SalesforceOrg.class, "team", "Ready", "False", "SecretNotFound");
        assertThat(org.getStatus().condition("Ready").get().getMessage()).contains("missing-secret");
        harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("missing-secret").endMetadata()
                .addToStringData("token", harness.emulator().issueAccessToken(harness.emulator().adminUsername())).build()).create();
        harness.awaitCondition(SalesforceOrg.class, "team", "Ready", "True");
    }

    @Test
    void secretsAreReadFromTheOrgsOwnNamespaceOnly() {
        harness.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).create();
        harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("shared").endMetadata()
                .addToStringData("token", harness.emulator().issueAccessToken(harness.emulator().adminUsername())).build()).create();
        SalesforceOrg foreign = org("foreign", "shared");
        foreign.getMetadata().setNamespace("team-a");
        harness.client().resource(foreign).create();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
            SalesforceOrg o = harness.client().resources(SalesforceOrg.class).inNamespace("team-a").withName("foreign").get();
            return o.getStatus() != null && o.getStatus().condition("Ready").map(c -> "SecretNotFound".equals(c.getReason())).orElse(false);
        });
    }

    @Test
    void badTokenIsAuthenticationFailedAndUnreachableIsUnreachable() {
        harness.client().secrets().inNamespace(OperatorHarness.NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("bad").endMetadata()
                .addToStringData("token", harness.emulator().orgId().substring(0, 15) + "!not-a-real-token").build()).create();
        harness.create(org("bad", "bad"));
        SalesforceOrg bad = harness.awaitCondition(SalesforceOrg.class, "bad", "Ready", "False", "AuthenticationFailed");
        assertThat(bad.getStatus().condition("Authenticated")).get().extracting(c -> c.getStatus()).isEqualTo("False");

        // the (trusted) emulator answers every call with 503: an untrusted URL would be refused before any attempt
        harness.emulator().faults().errorRate("SERVER_UNAVAILABLE", 1.0);
        harness.secret("good", java.util.Map.of("token", harness.emulator().issueAccessToken(harness.emulator().adminUsername())));
        SalesforceOrg down = org("down", "good");
        harness.create(down);
        harness.awaitCondition(SalesforceOrg.class, "down", "Ready", "False", "Unreachable");
        assertThat(events()).contains("AuthenticationFailed");
        assertThat(events()).doesNotContain("not-a-real-token");
    }

    private String events() {
        List<Event> events = harness.client().v1().events().inAnyNamespace().list().getItems();
        return Serialization.asJson(events);
    }

    private SalesforceOrg org(String name, String secret) {
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName(name);
        org.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(harness.emulator().baseUrl());
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef(secret, "token"));
        spec.setAuth(auth);
        org.setSpec(spec);
        return org;
    }
}
