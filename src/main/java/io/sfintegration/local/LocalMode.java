package io.sfintegration.local;

import io.quarkus.runtime.Quarkus;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.emulator.SalesforceEmulator;
import io.sfintegration.local.kube.EmbeddedKubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The whole system on one machine: an embedded Kubernetes API (fabric8's mock server in CRUD mode, with our CRDs and
 * the discovery documents kubectl needs), the Salesforce emulator with its seeded org, a SalesforceOrg named "local"
 * in namespace default pointing at it, and the operator itself. Stops cleanly on Ctrl-C.
 */
public final class LocalMode {

    static final String ORG_NAME = "local";
    static final String NAMESPACE = "default";
    static final String TOKEN_SECRET = "local-salesforce-token";

    private LocalMode() {
    }

    public static void run(String... args) throws Exception {
        LocalSettings settings = LocalSettings.from(System.getenv());
        Files.createDirectories(settings.dir());
        try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(settings.kubePort());
             SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.builder()
                     .port(settings.salesforcePort()).seed(EmulatorSeed.named(settings.seed())).tokenTtl(Duration.ofDays(7)).build())) {
            Path kubeconfig = kube.writeKubeconfig(settings.dir().resolve("kubeconfig").toAbsolutePath());
            String token = emulator.issueAccessToken(emulator.adminUsername());
            Path salesforceJson = LocalFiles.writeSalesforceJson(settings.dir().resolve("salesforce.json").toAbsolutePath(),
                    emulator.baseUrl(), token, emulator.orgId(), emulator.adminUsername());
            LocalFiles.createOrg(kube.client(), NAMESPACE, ORG_NAME, TOKEN_SECRET, emulator.baseUrl(), token);

            // Quarkus fixes its own kubernetes-client URL at build time; fabric8's auto-configuration reads these at run time
            System.setProperty("kubernetes.master", kube.url());
            System.setProperty("kubernetes.namespace", NAMESPACE);
            System.setProperty("kubernetes.auth.tryKubeConfig", "false");
            System.setProperty("kubernetes.auth.tryServiceAccount", "false");
            System.setProperty("quarkus.http.host", "127.0.0.1");
            System.setProperty("quarkus.http.port", String.valueOf(settings.httpPort()));
            // the embedded API server cannot review tokens; the HTTP API is open, but only on loopback
            System.setProperty("sfio.http-api.authorization", "none");
            System.setProperty(LocalApplication.KUBECONFIG_PROPERTY, kubeconfig.toString());
            System.setProperty(LocalApplication.SALESFORCE_JSON_PROPERTY, salesforceJson.toString());
            System.setProperty(LocalApplication.SALESFORCE_URL_PROPERTY, emulator.baseUrl());
            // credentials may go to this emulator (plain http on loopback) and to Salesforce's domains, nowhere else
            System.setProperty("sfio.trusted-urls", emulator.baseUrl());
            // ClusterSalesforceOrg credentials: the namespace local mode's own Secret lives in
            System.setProperty("sfio.cluster-secrets-namespace", NAMESPACE);
            Quarkus.run(LocalApplication.class, args);
        }
    }
}
