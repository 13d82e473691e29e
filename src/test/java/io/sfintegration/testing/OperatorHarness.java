package io.sfintegration.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.controller.org.OrgSettings;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.SalesforceEmulator;
import io.sfintegration.local.kube.EmbeddedKubernetes;
import io.sfintegration.salesforce.SalesforceClients;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * The whole operator in one test: fabric8's mock Kubernetes API in CRUD mode with our CRDs, the Salesforce emulator,
 * and the three controllers on a plain JOSDK Operator (server-side apply off: the mock does not support it).
 * {@link #restartOperator()} stops the operator and starts a fresh one with empty caches, as a process restart would.
 */
public final class OperatorHarness implements AutoCloseable {

    public static final String NAMESPACE = "default";
    public static final String ORG = "test-org";
    public static final String CLIENT_ID = "emulator-client-id";
    public static final String CLIENT_SECRET = "emulator-client-secret";

    private final EmbeddedKubernetes kube;
    private final KubernetesClient client;
    private final SalesforceEmulator emulator;
    private final Function<KubernetesClient, SalesforceClients> clientsFactory;
    private OperatorComponents components;
    private Operator operator;

    private OperatorHarness(SalesforceEmulator emulator, Function<KubernetesClient, SalesforceClients> clientsFactory) throws Exception {
        this.emulator = emulator;
        this.clientsFactory = clientsFactory;
        // the same embedded API as local mode: fabric8's CRUD mock with our CRDs and its merge-patch fixes
        this.kube = EmbeddedKubernetes.start(0);
        this.client = kube.client();
        startOperator();
    }

    public static OperatorHarness start() throws Exception {
        return start(EmulatorConfig.defaults());
    }

    public static OperatorHarness start(EmulatorConfig config) throws Exception {
        return new OperatorHarness(SalesforceEmulator.start(config), TestClients::create);
    }

    public void startOperator() {
        components = new OperatorComponents(client, clientsFactory.apply(client), new SimpleMeterRegistry(), Clock.systemUTC(),
                new OrgSettings(Duration.ofMinutes(10), Duration.ofSeconds(2)));
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false)
                .withStopOnInformerErrorDuringStartup(true));
        components.reconcilers().forEach(r -> operator.register(r));
        operator.start();
    }

    public void stopOperator() {
        operator.stop();
        components.close();
    }

    public void restartOperator() {
        stopOperator();
        startOperator();
    }

    public KubernetesClient client() {
        return client;
    }

    public SalesforceEmulator emulator() {
        return emulator;
    }

    public OperatorComponents components() {
        return components;
    }

    /** A SalesforceOrg named {@link #ORG} with an access-token Secret for the emulator's admin, waited until Ready. */
    public SalesforceOrg createOrg() {
        String token = emulator.issueAccessToken(emulator.adminUsername());
        secret("sf-token", java.util.Map.of("token", token));
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef("sf-token", "token"));
        return createOrg(auth);
    }

    /** A SalesforceOrg named {@link #ORG} using the emulator's default connected app (client credentials flow). */
    public SalesforceOrg createClientCredentialsOrg() {
        secret("sf-app", java.util.Map.of("client-id", CLIENT_ID, "client-secret", CLIENT_SECRET));
        OrgAuth auth = new OrgAuth();
        io.sfintegration.api.v1alpha1.ClientCredentialsAuth cc = new io.sfintegration.api.v1alpha1.ClientCredentialsAuth();
        cc.setClientIdSecretRef(new SecretKeyRef("sf-app", "client-id"));
        cc.setClientSecretSecretRef(new SecretKeyRef("sf-app", "client-secret"));
        auth.setClientCredentials(cc);
        return createOrg(auth);
    }

    public SalesforceOrg createOrg(OrgAuth auth) {
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName(ORG);
        org.getMetadata().setNamespace(NAMESPACE);
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(emulator.baseUrl());
        spec.setAuth(auth);
        org.setSpec(spec);
        create(org);
        return awaitCondition(SalesforceOrg.class, ORG, "Ready", "True");
    }

    public void secret(String name, java.util.Map<String, String> data) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToStringData(data).build()).createOr(r -> r.update());
    }

    public <T extends HasMetadata> T create(T resource) {
        if (resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace(NAMESPACE);
        }
        return client.resource(resource).create();
    }

    public <T extends HasMetadata> T get(Class<T> kind, String name) {
        return client.resources(kind).inNamespace(NAMESPACE).withName(name).get();
    }

    public <T extends CustomResource<?, ? extends ConditionedStatus>> T awaitCondition(Class<T> kind, String name, String type, String status) {
        return awaitCondition(kind, name, type, status, null);
    }

    /** Waits until the condition has the status (and reason, when given) for the resource's current generation. */
    public <T extends CustomResource<?, ? extends ConditionedStatus>> T awaitCondition(Class<T> kind, String name, String type, String status, String reason) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            T r = get(kind, name);
            return r != null && r.getStatus() != null && r.getStatus().condition(type)
                    .filter(c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason()))
                            && r.getMetadata().getGeneration().equals(c.getObservedGeneration()))
                    .isPresent();
        });
        return get(kind, name);
    }

    @Override
    public void close() {
        try {
            stopOperator();
        } finally {
            kube.close();
            emulator.close();
        }
    }
}
