package io.sfintegration.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.SalesforceClients;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * The whole operator in one test: fabric8's mock Kubernetes API in CRUD mode with our CRDs, the Salesforce emulator,
 * and the three controllers on a plain JOSDK Operator (server-side apply off: the mock does not support it).
 * {@link #restartOperator()} stops the operator and starts a fresh one with empty caches, as a process restart would.
 */
public final class OperatorHarness implements AutoCloseable {

    public static final String NAMESPACE = "default";
    public static final String ORG = "test-org";
    /** Where ClusterSalesforceOrg credentials are read (sfio.cluster-secrets-namespace); no tenant namespace. */
    public static final String CLUSTER_SECRETS_NAMESPACE = "sfio-system";
    public static final String CLIENT_ID = "emulator-client-id";
    public static final String CLIENT_SECRET = "emulator-client-secret";

    /**
     * How to run the harness (benchmarks and fault campaigns).
     *
     * @param emulator              the emulator's configuration (seats, latency, API allocation)
     * @param reconciliationThreads JOSDK's concurrent reconciliation threads; 0 keeps JOSDK's default
     * @param operatorApiUrl        maps the embedded API's URL to the one the operator's own client uses, e.g. through
     *                              a TCP proxy that can drop the watches; null: the operator shares the test's client
     * @param orgSettings           org refresh and retry intervals
     */
    public record Options(EmulatorConfig emulator, int reconciliationThreads, UnaryOperator<String> operatorApiUrl, OrgSettings orgSettings) {
        public static Options defaults() {
            return new Options(EmulatorConfig.defaults(), 0, null, new OrgSettings(Duration.ofMinutes(10), Duration.ofSeconds(2)));
        }

        public Options withEmulator(EmulatorConfig config) {
            return new Options(config, reconciliationThreads, operatorApiUrl, orgSettings);
        }

        public Options withReconciliationThreads(int threads) {
            return new Options(emulator, threads, operatorApiUrl, orgSettings);
        }

        public Options withOperatorApiUrl(UnaryOperator<String> url) {
            return new Options(emulator, reconciliationThreads, url, orgSettings);
        }

        public Options withOrgSettings(OrgSettings settings) {
            return new Options(emulator, reconciliationThreads, operatorApiUrl, settings);
        }
    }

    private final EmbeddedKubernetes kube;
    private final KubernetesClient client;
    private final KubernetesClient operatorClient;
    private final SalesforceEmulator emulator;
    private final Function<KubernetesClient, SalesforceClients> clientsFactory;
    private Options options;
    /** The call budgets of every operator this harness started (a restart makes new ones). */
    private final List<CallBudgets> budgets = new java.util.concurrent.CopyOnWriteArrayList<>();
    private OperatorComponents components;
    private Operator operator;

    private OperatorHarness(Options options, io.sfintegration.salesforce.batch.BatchSettings batching) throws Exception {
        this.options = options;
        this.emulator = SalesforceEmulator.start(options.emulator());
        // credentials may go to this emulator and Salesforce's domains only, as in local mode
        this.clientsFactory = batching == null ? k -> TestClients.create(k, emulator.baseUrl())
                : k -> TestClients.create(k, batching, emulator.baseUrl());
        // the same embedded API as local mode: fabric8's CRUD mock with our CRDs and its merge-patch fixes
        this.kube = EmbeddedKubernetes.start(0);
        this.client = kube.client();
        this.operatorClient = options.operatorApiUrl() == null ? client
                : new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(options.operatorApiUrl().apply(kube.url()))
                .withNamespace(NAMESPACE).withHttp2Disable(true).withAutoConfigure(false).build()).build();
        startOperator();
    }

    public static OperatorHarness start() throws Exception {
        return start(EmulatorConfig.defaults());
    }

    public static OperatorHarness start(EmulatorConfig config) throws Exception {
        return start(Options.defaults().withEmulator(config));
    }

    public static OperatorHarness start(Options options) throws Exception {
        return new OperatorHarness(options, null);
    }

    /** With the given batch window for the Salesforce client, e.g. the production defaults for benchmarks. */
    public static OperatorHarness start(Options options, io.sfintegration.salesforce.batch.BatchSettings batching) throws Exception {
        return new OperatorHarness(options, batching);
    }

    /**
     * Per kind of reconcile, the most Salesforce calls one reconcile used and its stated bound, over every operator
     * this harness started.
     */
    public java.util.Map<CallBudgets.Kind, CallBudgets.Observed> observedCallBudgets() {
        java.util.Map<CallBudgets.Kind, CallBudgets.Observed> merged = new java.util.EnumMap<>(CallBudgets.Kind.class);
        for (CallBudgets b : budgets) {
            for (CallBudgets.Observed o : b.observed()) {
                merged.merge(o.kind(), o, (x, y) -> new CallBudgets.Observed(x.kind(), Math.max(x.maxCalls(), y.maxCalls()),
                        Math.max(x.maxLimit(), y.maxLimit()), x.reconciles() + y.reconciles(), x.refusals() + y.refusals()));
            }
        }
        return merged;
    }

    public void startOperator() {
        SalesforceClients clients = clientsFactory.apply(operatorClient);
        budgets.add(clients.budgets());
        components = new OperatorComponents(operatorClient, clients, new SimpleMeterRegistry(), Clock.systemUTC(),
                options.orgSettings(), new io.sfintegration.controller.ownership.Installation("harness"),
                new io.sfintegration.controller.ClusterOrgs(CLUSTER_SECRETS_NAMESPACE));
        operator = new Operator(o -> {
            // server-side apply on, as in production: the embedded API implements it (FieldManagerDispatcher)
            o.withKubernetesClient(operatorClient)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true);
            if (options.reconciliationThreads() > 0) {
                o.withConcurrentReconciliationThreads(options.reconciliationThreads());
            }
        });
        components.reconcilers().forEach(r -> operator.register(r));
        // as the application does (OperatorLifecycle)
        io.sfintegration.config.RetryTimerFix.install(operator);
        operator.start();
    }

    /** Stops the in-process operator (again is a no-op), e.g. to let a packaged operator in another process take over. */
    public void stopOperator() {
        if (operator == null) {
            return;
        }
        operator.stop();
        components.close();
        operator = null;
    }

    public void restartOperator() {
        stopOperator();
        startOperator();
    }

    /** Restarts the operator with other org refresh and retry intervals (e.g. to observe refreshes quickly). */
    public void restartOperator(OrgSettings settings) {
        stopOperator();
        options = options.withOrgSettings(settings);
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
        secret(NAMESPACE, name, data);
    }

    public void secret(String namespace, String name, java.util.Map<String, String> data) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToStringData(data).build()).createOr(r -> r.update());
    }

    /**
     * A ClusterSalesforceOrg reaching the emulator with an access token in the Secret {@code sf-token} of
     * {@link #CLUSTER_SECRETS_NAMESPACE}; not waited for.
     */
    public io.sfintegration.api.v1alpha1.ClusterSalesforceOrg clusterOrg(String name, io.sfintegration.api.v1alpha1.AllowedNamespaces allowed,
                                                                         io.sfintegration.api.v1alpha1.OrgPolicy policy) {
        secret(CLUSTER_SECRETS_NAMESPACE, "sf-token", java.util.Map.of("token", emulator.issueAccessToken(emulator.adminUsername())));
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef("sf-token", "token"));
        io.sfintegration.api.v1alpha1.ClusterSalesforceOrg org = new io.sfintegration.api.v1alpha1.ClusterSalesforceOrg();
        org.getMetadata().setName(name);
        io.sfintegration.api.v1alpha1.ClusterSalesforceOrgSpec spec = new io.sfintegration.api.v1alpha1.ClusterSalesforceOrgSpec();
        spec.setInstanceUrl(emulator.baseUrl());
        spec.setAuth(auth);
        spec.setAllowedNamespaces(allowed);
        spec.setPolicy(policy);
        org.setSpec(spec);
        return client.resource(org).create();
    }

    /** A namespace with these labels (created, or its labels replaced). */
    public void namespace(String name, java.util.Map<String, String> labels) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name)
                    .withLabels(labels).endMetadata().build()).create();
        } else {
            client.namespaces().withName(name).edit(n -> {
                n.getMetadata().setLabels(labels);
                return n;
            });
        }
    }

    /** Waits until the cluster-scoped resource's condition has the status and reason for its current generation. */
    public <T extends CustomResource<?, ? extends ConditionedStatus>> T awaitClusterCondition(Class<T> kind, String name, String type,
                                                                                                String status, String reason) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            T r = client.resources(kind).withName(name).get();
            return r != null && r.getStatus() != null && r.getStatus().condition(type)
                    .filter(c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason()))
                            && r.getMetadata().getGeneration().equals(c.getObservedGeneration()))
                    .isPresent();
        });
        return client.resources(kind).withName(name).get();
    }

    /** Waits until the namespaced resource's condition has the status and reason for its current generation. */
    public <T extends CustomResource<?, ? extends ConditionedStatus>> T awaitCondition(String namespace, Class<T> kind, String name,
                                                                                         String type, String status, String reason) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            T r = client.resources(kind).inNamespace(namespace).withName(name).get();
            return r != null && r.getStatus() != null && r.getStatus().condition(type)
                    .filter(c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason()))
                            && r.getMetadata().getGeneration().equals(c.getObservedGeneration()))
                    .isPresent();
        });
        return client.resources(kind).inNamespace(namespace).withName(name).get();
    }

    public <T extends HasMetadata> T create(T resource) {
        if (resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace(NAMESPACE);
        }
        return client.resource(resource).create();
    }

    /** Stores {@code resource} although the CRD's schema or CEL rules refuse it (see EmbeddedKubernetes#withoutAdmission). */
    public <T extends HasMetadata> T createBypassingAdmission(T resource) {
        return kube.withoutAdmission(() -> create(resource));
    }

    public <T extends HasMetadata> T get(Class<T> kind, String name) {
        return client.resources(kind).inNamespace(NAMESPACE).withName(name).get();
    }

    /**
     * Changes the stored resource the way {@code kubectl edit} does: read, change, write, and on a 409 Conflict (the
     * operator wrote status or an annotation in between, which moves the resourceVersion) read again and re-apply.
     * A plain get-then-update races with the operator.
     */
    public <T extends HasMetadata> T edit(Class<T> kind, String name, java.util.function.Consumer<T> change) {
        return write(kind, name, change, r -> client.resource(r).update());
    }

    /** {@link #edit} for the status subresource. */
    public <T extends HasMetadata> T editStatus(Class<T> kind, String name, java.util.function.Consumer<T> change) {
        return write(kind, name, change, r -> client.resource(r).updateStatus());
    }

    private <T extends HasMetadata> T write(Class<T> kind, String name, java.util.function.Consumer<T> change, UnaryOperator<T> writer) {
        for (int attempt = 1; ; attempt++) {
            T current = get(kind, name);
            change.accept(current);
            try {
                return writer.apply(current);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 20) {
                    throw e;
                }
            }
        }
    }

    public <T extends CustomResource<?, ? extends ConditionedStatus>> T awaitCondition(Class<T> kind, String name, String type, String status) {
        return awaitCondition(kind, name, type, status, null);
    }

    /** Waits until the condition has the status (and reason, when given) for the resource's current generation. */
    public <T extends CustomResource<?, ? extends ConditionedStatus>> T awaitCondition(Class<T> kind, String name, String type, String status, String reason) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
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
            if (operatorClient != client) {
                operatorClient.close();
            }
            kube.close();
            emulator.close();
        }
    }
}
