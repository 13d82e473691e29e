package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the text of {@code argocd/argocd-cm-snippet.yaml} from its sources, so the shipped file can be checked
 * against them: the Lua files next to it and, for ignoreDifferences, the schema defaults of the CRDs (one jq path
 * expression per defaulted field, matching only while the field holds its default).
 */
final class ArgoCdSnippet {

    static final String GROUP = "sfintegration.io";
    static final List<String> KINDS = List.of("SalesforceOrg", "ClusterSalesforceOrg", "PermissionSet", "PermissionSetGroup", "IntegrationUser");
    static final Map<String, String> CRD_FILES = Map.of(
            "SalesforceOrg", "salesforceorgs.sfintegration.io-v1.yml",
            "ClusterSalesforceOrg", "clustersalesforceorgs.sfintegration.io-v1.yml",
            "PermissionSet", "permissionsets.sfintegration.io-v1.yml",
            "PermissionSetGroup", "permissionsetgroups.sfintegration.io-v1.yml",
            "IntegrationUser", "integrationusers.sfintegration.io-v1.yml");
    /** Actions per kind, in the order Argo CD lists them. */
    static final Map<String, List<String>> ACTIONS = actions();

    static final Path ARGOCD = ChartFiles.CHART.resolve("argocd");
    static final Path SNIPPET = ARGOCD.resolve("argocd-cm-snippet.yaml");

    private static final String HEADER = """
            # Argo CD customizations for the integration-user-operator custom resources: health checks, diff
            # normalization of schema defaults, and resource actions.
            #
            # Merge this into the argocd-cm ConfigMap of your Argo CD installation (namespace argocd), e.g.
            #   kubectl -n argocd patch configmap argocd-cm --type merge --patch-file argocd-cm-snippet.yaml
            # or, with the argo-cd Helm chart, put the keys under configs.cm.
            # Generated from the files next to it and from the CRDs' schema defaults; a test
            # (ArgoCdSnippetTest) fails when it is stale and writes the fresh text to target/argocd-cm-snippet.yaml.
            #
            # health             health.lua for all four kinds
            #   Healthy     Ready=True and the condition is for the current metadata.generation
            #   Progressing no status yet, status for an older generation, or Ready=False while waiting
            #               (for a seat, the org, a permission set, Salesforce: LicenseLimitExceeded, OrgNotReady, ...)
            #   Degraded    Ready=False with a reason someone must act on (InvalidSpec, Conflict, AuthenticationFailed, ...)
            # ignoreDifferences  one jq path expression per schema default: the field is left out of the diff only while
            #                    it holds its default, so a real change (active: false, a new permission) still shows
            # actions            IntegrationUser: freeze, unfreeze, deactivate, activate, rescan-drift;
            #                    SalesforceOrg: rescan-drift (actions/*.lua)
            """;

    private ArgoCdSnippet() {
    }

    private static Map<String, List<String>> actions() {
        Map<String, List<String>> actions = new LinkedHashMap<>();
        actions.put("IntegrationUser", List.of("freeze", "unfreeze", "deactivate", "activate", "rescan-drift"));
        actions.put("SalesforceOrg", List.of("rescan-drift"));
        return actions;
    }

    static String healthScript() {
        return ChartFiles.read(ARGOCD.resolve("health.lua"));
    }

    static String discoveryScript(String kind) {
        return ChartFiles.read(ARGOCD.resolve("actions/" + kind.toLowerCase(java.util.Locale.ROOT) + "-discovery.lua"));
    }

    static String actionScript(String action) {
        return ChartFiles.read(ARGOCD.resolve("actions/" + action + ".lua"));
    }

    static JsonNode crd(String kind) {
        return ChartFiles.readYaml(ChartFiles.CRDS.resolve(CRD_FILES.get(kind)));
    }

    /** One jq path expression per schema default under spec, e.g. {@code .spec.active | select(. == true)}. */
    static List<String> ignoreDifferences(String kind) {
        JsonNode spec = crd(kind).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        List<String> out = new ArrayList<>();
        collectDefaults(spec, ".spec", out);
        return out;
    }

    private static void collectDefaults(JsonNode schema, String path, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            var property = it.next();
            String child = path + "." + property.getKey();
            JsonNode node = property.getValue();
            if (node.has("default")) {
                out.add(child + " | select(. == " + node.get("default").toString() + ")");
            }
            if (node.has("properties")) {
                collectDefaults(node, child, out);
            }
            if (node.path("items").has("properties")) {
                collectDefaults(node.get("items"), child + "[]?", out);
            }
        }
    }

    static String render() {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                  namespace: argocd
                  labels:
                    app.kubernetes.io/name: argocd-cm
                    app.kubernetes.io/part-of: argocd
                data:
                """);
        for (String kind : KINDS) {
            out.append("  resource.customizations.health.").append(GROUP).append('_').append(kind).append(": |\n");
            out.append(indent(healthScript(), 4));
        }
        for (String kind : KINDS) {
            out.append("  resource.customizations.ignoreDifferences.").append(GROUP).append('_').append(kind).append(": |\n");
            out.append("    jqPathExpressions:\n");
            for (String expression : ignoreDifferences(kind)) {
                out.append("      - '").append(expression.replace("'", "''")).append("'\n");
            }
        }
        ACTIONS.forEach((kind, names) -> {
            out.append("  resource.customizations.actions.").append(GROUP).append('_').append(kind).append(": |\n");
            out.append("    discovery.lua: |\n").append(indent(discoveryScript(kind), 6));
            out.append("    definitions:\n");
            for (String name : names) {
                out.append("      - name: ").append(name).append('\n');
                out.append("        action.lua: |\n").append(indent(actionScript(name), 10));
            }
        });
        return out.toString();
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append(pad).append(line);
            }
            out.append('\n');
        }
        // split keeps the empty string after the final newline: drop the extra line it produced
        return out.substring(0, out.length() - 1);
    }
}
