package io.sfintegration.export;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.OrgKind;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.salesforce.http.ResilienceSettings;
import io.sfintegration.salesforce.http.SalesforceClientProvider;
import io.sfintegration.salesforce.http.TrustedUrls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar export --org <namespace>/<name> [--kubeconfig file] [--out dir] [--trusted-url url]}: reads the org a
 * SalesforceOrg points at, with that SalesforceOrg's own credentials (or, with {@code --cluster-org <name> --namespace <ns>},
 * the org a ClusterSalesforceOrg points at, with its credentials from the cluster-secrets namespace, for resources in
 * {@code ns} that refer to it), and writes the YAML of {@link OrgExporter} to
 * standard output or, with --out, one file per resource (permission sets first, so {@code kubectl apply -f dir} applies
 * them before the users that refer to them). Reads only: nothing is written to Salesforce or to Kubernetes. Credentials go
 * only where the operator would send them: Salesforce's domains, plus each {@code --trusted-url} and the origins in
 * {@code SFIO_TRUSTED_URLS}.
 */
public final class ExportCommand {

    private ExportCommand() {
    }

    /**
     * Runs the export and returns the process exit code: 0 when written, 2 for a usage error or a missing org, 1 when
     * Salesforce or Kubernetes could not be read. The caller exits with it (the HTTP clients keep threads alive).
     */
    public static int run(String... args) {
        try {
            main(args);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("export: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("export failed: " + e.getMessage());
            return 1;
        }
    }

    public static void main(String... args) throws IOException {
        String org = null;
        String clusterOrg = null;
        String targetNamespace = null;
        String secretsNamespace = System.getenv("SFIO_CLUSTER_SECRETS_NAMESPACE");
        Path kubeconfig = null;
        Path out = null;
        List<String> trustedUrls = new ArrayList<>(fromEnvironment(System.getenv("SFIO_TRUSTED_URLS")));
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--org" -> org = args[i + 1];
                case "--cluster-org" -> clusterOrg = args[i + 1];
                case "--namespace" -> targetNamespace = args[i + 1];
                case "--cluster-secrets-namespace" -> secretsNamespace = args[i + 1];
                case "--kubeconfig" -> kubeconfig = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--trusted-url" -> trustedUrls.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --org or --cluster-org with --namespace, --kubeconfig, --out, --trusted-url)");
            }
        }
        // a cluster org has no namespace: the one the exported resources will live in is asked for, never guessed
        boolean cluster = clusterOrg != null;
        if (cluster ? org != null || targetNamespace == null : org == null || !org.contains("/")) {
            throw new IllegalArgumentException("--org <namespace>/<name>, or --cluster-org <name> --namespace <namespace>, is required");
        }
        String namespace = cluster ? targetNamespace : org.substring(0, org.indexOf('/'));
        String name = cluster ? clusterOrg : org.substring(org.indexOf('/') + 1);
        // --kubeconfig means that file alone: fabric8's older fromKubeconfig(String...) let system properties such as
        // kubernetes.master (left behind by anything else in the JVM) point the export at another API server
        Config config = kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(kubeconfig.toFile());
        try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(config).build()) {
            SalesforceOrg so = cluster ? clusterView(kube, name, secretsNamespace)
                    : kube.resources(SalesforceOrg.class).inNamespace(namespace).withName(name).get();
            if (so == null) {
                throw new IllegalArgumentException(cluster ? "no ClusterSalesforceOrg " + name : "no SalesforceOrg " + org);
            }
            SalesforceClientProvider clients = new SalesforceClientProvider(kube, new SimpleMeterRegistry(), ResilienceSettings.defaults(),
                    TrustedUrls.withExtra(trustedUrls));
            List<OrgExporter.Exported> exported = OrgExporter.export(clients.forOrg(so), namespace,
                    new OrgReference(cluster ? OrgKind.ClusterSalesforceOrg : null, name), Instant.now());
            if (out == null) {
                System.out.print(OrgExporter.join(exported));
            } else {
                write(out, exported);
                System.out.println("Wrote " + exported.size() + " resources to " + out.toAbsolutePath());
            }
        }
    }

    /** The cluster org as the operator sees it: its Secrets in the cluster-secrets namespace (the operator's setting). */
    private static SalesforceOrg clusterView(KubernetesClient kube, String name, String secretsNamespace) {
        ClusterSalesforceOrg found = kube.resources(ClusterSalesforceOrg.class).withName(name).get();
        return found == null ? null : new ClusterOrgs(secretsNamespace == null || secretsNamespace.isBlank()
                ? ClusterOrgs.DEFAULT_SECRETS_NAMESPACE : secretsNamespace).view(found);
    }

    /** The operator's own setting (chart value trustedUrls), so the export trusts what the operator trusts. */
    static List<String> fromEnvironment(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** One file per resource: 10-permissionset-NAME.yaml, then 20-integrationuser-NAME.yaml. */
    static void write(Path dir, List<OrgExporter.Exported> exported) throws IOException {
        Files.createDirectories(dir);
        for (OrgExporter.Exported e : exported) {
            String prefix = "PermissionSet".equals(e.kind()) ? "10-permissionset-" : "20-integrationuser-";
            Files.writeString(dir.resolve(prefix + e.name() + ".yaml"), e.yaml());
        }
    }
}
