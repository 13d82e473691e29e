package io.sfintegration.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds deploy/operator.yaml: a Namespace, the CRDs from crds/, and the chart rendered with default values,
 * without the labels that only make sense for a Helm release.
 */
final class PlainManifests {

    static final String HEADER = """
            # GENERATED from helm/integration-user-operator with default values (release and namespace
            # integration-user-operator) plus the CRDs in crds/. Do not edit: change the chart and run
            #   ./mvnw test -Dtest=PlainManifestsTest -Ddeploy.regenerate=true
            # Apply with: kubectl apply --server-side -f deploy/operator.yaml   (or kubectl apply -k deploy/)
            """;

    static final String NAMESPACE_DOC = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: integration-user-operator
              labels:
                app.kubernetes.io/name: integration-user-operator
                app.kubernetes.io/part-of: integration-user-operator
                pod-security.kubernetes.io/enforce: restricted
                pod-security.kubernetes.io/enforce-version: latest
            """;

    private PlainManifests() {
    }

    static String generate() {
        String crds = ChartFiles.crdFiles(ChartFiles.CRDS).stream()
                .map(PlainManifests::crd)
                .collect(Collectors.joining());
        return HEADER + "---\n" + NAMESPACE_DOC + crds + normalize(ChartFiles.render(Map.of()));
    }

    private static String crd(Path file) {
        String text = ChartFiles.read(file);
        return "---\n" + (text.endsWith("\n") ? text : text + "\n");
    }

    /** Drops Helm's per-release labels and source comments so the file stays stable across Helm versions. */
    static String normalize(String rendered) {
        String out = rendered.lines()
                .filter(line -> !line.contains("helm.sh/chart:"))
                .filter(line -> !line.startsWith("# Source:"))
                .map(line -> line.replace("app.kubernetes.io/managed-by: Helm", "app.kubernetes.io/managed-by: kubectl"))
                .map(String::stripTrailing)
                .collect(Collectors.joining("\n"));
        return out.strip() + "\n";
    }
}
