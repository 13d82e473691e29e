package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sfintegration.api.v1alpha1.ClientCredentialsAuth;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SalesforceOrg pointing its instanceUrl or loginUrl at a host that is not Salesforce's (here a listener of the
 * test's own on loopback, which the operator does not trust: only the emulator is listed) gets Ready=False
 * UntrustedUrl, and the listener never sees a connection: no client secret, no JWT assertion, no token.
 */
class UntrustedUrlEndToEndTest {

    OperatorHarness harness;
    ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();
    Thread acceptor;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "untrusted-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        acceptor.join(5_000);
        harness.close();
    }

    @Test
    void credentialsNeverGoToAnUntrustedHost() {
        harness.secret("sf-app", Map.of("client-id", OperatorHarness.CLIENT_ID, "client-secret", OperatorHarness.CLIENT_SECRET));
        String evil = "http://127.0.0.1:" + listener.getLocalPort();

        harness.create(org("evil-instance", evil, null));
        SalesforceOrg refused = harness.awaitCondition(SalesforceOrg.class, "evil-instance", "Ready", "False", "UntrustedUrl");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("spec.instanceUrl", evil, "nothing was sent");

        // a trusted instance URL does not let an untrusted login URL receive the secret
        harness.create(org("evil-login", harness.emulator().baseUrl(), evil));
        harness.awaitCondition(SalesforceOrg.class, "evil-login", "Ready", "False", "UntrustedUrl");

        // https on a look-alike domain
        harness.create(org("look-alike", "https://acme.my.salesforce.com.example.net", null));
        harness.awaitCondition(SalesforceOrg.class, "look-alike", "Ready", "False", "UntrustedUrl");

        // the org that points at the trusted emulator still works: the check is per URL, not a switch
        harness.create(org("fine", harness.emulator().baseUrl(), null));
        harness.awaitCondition(SalesforceOrg.class, "fine", "Ready", "True");

        assertThat(connections.get()).as("connections the untrusted listener received").isZero();
        List<Event> events = harness.client().v1().events().inAnyNamespace().list().getItems();
        assertThat(events).anyMatch(e -> "UntrustedUrl".equals(e.getReason()) && "Warning".equals(e.getType()));
        assertThat(Serialization.asJson(events)).doesNotContain(OperatorHarness.CLIENT_SECRET);
    }

    private SalesforceOrg org(String name, String instanceUrl, String loginUrl) {
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName(name);
        org.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(instanceUrl);
        spec.setLoginUrl(loginUrl);
        OrgAuth auth = new OrgAuth();
        ClientCredentialsAuth cc = new ClientCredentialsAuth();
        cc.setClientIdSecretRef(new SecretKeyRef("sf-app", "client-id"));
        cc.setClientSecretSecretRef(new SecretKeyRef("sf-app", "client-secret"));
        auth.setClientCredentials(cc);
        spec.setAuth(auth);
        org.setSpec(spec);
        return org;
    }
}
