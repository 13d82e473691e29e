package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sfintegration.deploy.ChartFiles.documents;
import static io.sfintegration.deploy.ChartFiles.ofKind;
import static io.sfintegration.deploy.ChartFiles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmChartTest {

    @Test
    void lintPasses() {
        var result = new Helm(ChartFiles.CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultsWatchAllNamespacesWithAClusterRole() {
        var docs = documents(render(Map.of()));
        assertThat(named(docs, "ClusterRole", ChartFiles.RELEASE).path("rules").toString()).contains("integrationusers");
        assertThat(names(docs, "ClusterRoleBinding")).containsExactlyInAnyOrder(ChartFiles.RELEASE, ChartFiles.RELEASE + "-auth-reviews",
                ChartFiles.RELEASE + "-cluster-orgs");
        assertThat(env(deployment(docs))).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_ALL_NAMESPACES")
                .containsEntry("SFIO_LEADER_ELECTION_ENABLED", "false")
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .containsEntry("QUARKUS_LOG_LEVEL", "INFO");
        // one replica without leader election: never two pods at once
        assertThat(deployment(docs).at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    }

    @Test
    void rbacIsLeastPrivilege() {
        var docs = documents(render(Map.of()));
        var rules = named(docs, "ClusterRole", ChartFiles.RELEASE).path("rules");
        assertThat(verbs(rules, "", "secrets")).containsExactly("get");
        assertThat(verbs(rules, "sfintegration.io", "integrationusers")).containsExactlyInAnyOrder("get", "list", "watch", "update", "patch");
        assertThat(verbs(rules, "sfintegration.io", "salesforceorgs/status")).containsExactlyInAnyOrder("update", "patch");
        assertThat(verbs(rules, "sfintegration.io", "permissionsets/finalizers")).containsExactly("update");
        assertThat(verbs(rules, "", "events")).containsExactlyInAnyOrder("create", "patch");
        assertThat(verbs(rules, "events.k8s.io", "events")).containsExactlyInAnyOrder("create", "patch");
        assertThat(rules.toString()).doesNotContain("\"*\"", "leases", "configmaps", "customresourcedefinitions");
        var leaseRole = named(docs, "Role", ChartFiles.RELEASE + "-leader-election");
        assertThat(leaseRole.at("/metadata/namespace").asText()).isEqualTo(ChartFiles.NAMESPACE);
        assertThat(verbs(leaseRole.path("rules"), "coordination.k8s.io", "leases")).containsExactlyInAnyOrder("get", "create", "update");
    }

    @Test
    void watchNamespacesGetOneRoleEachAndNoClusterRole() {
        var docs = documents(render(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")));
        // the only cluster-wide grants are the reviews for the HTTP API, the unbound tenant/reader roles, and reading
        // the cluster-scoped ClusterSalesforceOrgs and Namespaces: the operator reads Secrets and our namespaced
        // resources through namespaced Roles only (a cluster org's Secrets: in the release namespace)
        assertThat(names(docs, "ClusterRole")).containsExactlyInAnyOrder(ChartFiles.RELEASE + "-auth-reviews",
                ChartFiles.RELEASE + "-http-api-reader", ChartFiles.RELEASE + "-edit", ChartFiles.RELEASE + "-view",
                ChartFiles.RELEASE + "-cluster-org-admin", ChartFiles.RELEASE + "-cluster-orgs");
        assertThat(ofKind(docs, "ClusterRole")).allSatisfy(r -> assertThat(r.path("rules").toString()).doesNotContain("secrets"));
        var clusterOrgRules = named(docs, "ClusterRole", ChartFiles.RELEASE + "-cluster-orgs").path("rules");
        assertThat(verbs(clusterOrgRules, "", "namespaces")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(verbs(clusterOrgRules, "sfintegration.io", "clustersalesforceorgs")).containsExactlyInAnyOrder("get", "list", "watch", "update", "patch");
        assertThat(verbs(clusterOrgRules, "sfintegration.io", "clustersalesforceorgs/status")).containsExactlyInAnyOrder("update", "patch");
        assertThat(names(docs, "ClusterRoleBinding")).containsExactlyInAnyOrder(ChartFiles.RELEASE + "-auth-reviews", ChartFiles.RELEASE + "-cluster-orgs");
        var secretsRole = named(docs, "Role", ChartFiles.RELEASE + "-cluster-org-secrets");
        assertThat(secretsRole.at("/metadata/namespace").asText()).isEqualTo(ChartFiles.NAMESPACE);
        assertThat(verbs(secretsRole.path("rules"), "", "secrets")).containsExactly("get");
        assertThat(env(deployment(docs))).containsEntry("SFIO_CLUSTER_SECRETS_NAMESPACE", ChartFiles.NAMESPACE);
        var roleNamespaces = ofKind(docs, "Role").stream().map(r -> r.at("/metadata/namespace").asText()).toList();
        assertThat(roleNamespaces).containsExactlyInAnyOrder("team-a", "team-b", ChartFiles.NAMESPACE, ChartFiles.NAMESPACE);
        assertThat(ofKind(docs, "RoleBinding")).hasSize(4)
                .allSatisfy(b -> assertThat(b.at("/subjects/0/namespace").asText()).isEqualTo(ChartFiles.NAMESPACE));
        assertThat(env(deployment(docs))).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b");
    }

    @Test
    void twoReplicasTurnLeaderElectionOn() {
        var docs = documents(render(Map.of("replicaCount", 2)));
        var deployment = deployment(docs);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(env(deployment)).containsEntry("SFIO_LEADER_ELECTION_ENABLED", "true")
                .containsEntry("SFIO_LEADER_ELECTION_LEASE_NAME", "integration-user-operator-lease");
        assertThat(deployment.at("/spec/strategy").isMissingNode()).isTrue();
        assertThat(env(deployment(documents(render(Map.of("leaderElection.enabled", true))))))
                .containsEntry("SFIO_LEADER_ELECTION_ENABLED", "true");
    }

    @Test
    void podFollowsTheRestrictedPodSecurityProfile() {
        var pod = deployment(documents(render(Map.of()))).at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        var container = pod.at("/containers/0");
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(container.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/image").asText()).endsWith(":0.1.0");
    }

    @Test
    void textLogsAndExtraEnv() {
        var docs = documents(render(Map.of("logFormat", "text", "logLevel", "DEBUG",
                "extraEnv[0].name", "QUARKUS_LOG_CATEGORY__IO_SFINTEGRATION__LEVEL", "extraEnv[0].value", "TRACE")));
        assertThat(env(deployment(docs))).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
                .containsEntry("QUARKUS_LOG_CATEGORY__IO_SFINTEGRATION__LEVEL", "TRACE");
    }

    @Test
    void trustedUrlsReachTheOperatorAndAreValidated() {
        var docs = documents(render(Map.of("trustedUrls[0]", "https://sf-proxy.internal:8443", "trustedUrls[1]", "http://10.0.0.5:80")));
        assertThat(env(deployment(docs))).containsEntry("SFIO_TRUSTED_URLS", "https://sf-proxy.internal:8443,http://10.0.0.5:80");
        assertThat(env(deployment(documents(render(Map.of()))))).doesNotContainKey("SFIO_TRUSTED_URLS");
        assertThatThrownBy(() -> render(Map.of("trustedUrls[0]", "https://sf-proxy.internal/path"))).hasMessageContaining("trustedUrls");
    }

    @Test
    void metricsServiceAndServiceMonitor() {
        var docs = documents(render(Map.of("serviceMonitor.enabled", true, "serviceMonitor.labels.release", "prom")));
        var service = ofKind(docs, "Service").get(0);
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        var monitor = ofKind(docs, "ServiceMonitor").get(0);
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prom");
        assertThat(monitor.at("/spec/selector/matchLabels")).isEqualTo(service.at("/spec/selector"));
        assertThat(ofKind(documents(render(Map.of())), "ServiceMonitor")).isEmpty();
    }

    @Test
    void existingServiceAccountWithoutRbac() {
        var docs = documents(render(Map.of("serviceAccount.create", false, "serviceAccount.name", "preexisting",
                "rbac.create", false, "metrics.service.enabled", false)));
        assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactly("Deployment");
        assertThat(deployment(docs).at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("preexisting");
    }

    @Test
    void schedulingAndMetadataValuesReachThePod() {
        var pod = deployment(documents(render(Map.of("nodeSelector.kubernetes\\.io/os", "linux",
                "tolerations[0].key", "dedicated", "tolerations[0].operator", "Exists",
                "podAnnotations.team", "platform", "podLabels.tier", "ops", "priorityClassName", "system-cluster-critical",
                "imagePullSecrets[0].name", "regcred", "image.tag", "1.2.3")))).at("/spec/template");
        assertThat(pod.at("/spec/nodeSelector").toString()).contains("linux");
        assertThat(pod.at("/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
        assertThat(pod.at("/metadata/annotations/team").asText()).isEqualTo("platform");
        assertThat(pod.at("/metadata/labels/tier").asText()).isEqualTo("ops");
        assertThat(pod.at("/spec/priorityClassName").asText()).isEqualTo("system-cluster-critical");
        assertThat(pod.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("regcred");
        assertThat(pod.at("/spec/containers/0/image").asText()).endsWith(":1.2.3");
    }

    @Test
    void schemaRejectsUnknownAndInvalidValues() {
        assertThatThrownBy(() -> render(Map.of("replicas", 2))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(Map.of("logFormat", "xml"))).hasMessageContaining("logFormat");
        assertThatThrownBy(() -> render(Map.of("image.tagg", "x"))).hasMessageContaining("tagg");
        assertThatThrownBy(() -> render(Map.of("httpApi.authorization", "open"))).hasMessageContaining("authorization");
        assertThatThrownBy(() -> render(Map.of("networkPolicy.enabeld", true))).hasMessageContaining("enabeld");
        assertThatThrownBy(() -> render(Map.of("podDisruptionBudget.maxUnavailable", "many"))).hasMessageContaining("maxUnavailable");
    }

    @Test
    void httpApiCallersAreReviewedWithRbac() {
        var docs = documents(render(Map.of()));
        assertThat(env(deployment(docs))).containsEntry("SFIO_HTTP_API_AUTHORIZATION", "kubernetes")
                .containsEntry("SFIO_HTTP_API_CACHE_TTL", "1m");
        var reviews = named(docs, "ClusterRole", ChartFiles.RELEASE + "-auth-reviews").path("rules");
        assertThat(verbs(reviews, "authentication.k8s.io", "tokenreviews")).containsExactly("create");
        assertThat(verbs(reviews, "authorization.k8s.io", "subjectaccessreviews")).containsExactly("create");
        assertThat(reviews).hasSize(2);
        var binding = named(docs, "ClusterRoleBinding", ChartFiles.RELEASE + "-auth-reviews");
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(ChartFiles.RELEASE);
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(ChartFiles.NAMESPACE);
        // the reader role is shipped for the platform team to bind; the chart binds it to nobody
        var reader = named(docs, "ClusterRole", ChartFiles.RELEASE + "-http-api-reader");
        assertThat(reader.at("/rules/0/nonResourceURLs").toString()).isEqualTo("[\"/api/v1/drift\",\"/api/v1/export\"]");
        assertThat(reader.at("/rules/0/verbs").toString()).isEqualTo("[\"get\"]");
        assertThat(ofKind(docs, "ClusterRoleBinding")).noneMatch(b -> b.at("/roleRef/name").asText().endsWith("-http-api-reader"));

        var open = documents(render(Map.of("httpApi.authorization", "none")));
        assertThat(env(deployment(open))).containsEntry("SFIO_HTTP_API_AUTHORIZATION", "none");
        assertThat(names(open, "ClusterRole")).doesNotContain(ChartFiles.RELEASE + "-auth-reviews");
        assertThat(names(open, "ClusterRoleBinding")).doesNotContain(ChartFiles.RELEASE + "-auth-reviews");
    }

    @Test
    void tenantRolesAggregateToEditAndViewWithoutStatus() {
        var docs = documents(render(Map.of()));
        var edit = named(docs, "ClusterRole", ChartFiles.RELEASE + "-edit");
        assertThat(edit.at("/metadata/labels").toString())
                .contains("\"rbac.authorization.k8s.io/aggregate-to-edit\":\"true\"", "\"rbac.authorization.k8s.io/aggregate-to-admin\":\"true\"");
        for (String kind : List.of("integrationusers", "permissionsetgroups", "permissionsets", "salesforceorgs")) {
            assertThat(verbs(edit.path("rules"), "sfintegration.io", kind)).containsExactlyInAnyOrder(
                    "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
        }
        var view = named(docs, "ClusterRole", ChartFiles.RELEASE + "-view");
        assertThat(view.at("/metadata/labels").toString()).contains("\"rbac.authorization.k8s.io/aggregate-to-view\":\"true\"")
                .doesNotContain("aggregate-to-edit");
        assertThat(verbs(view.path("rules"), "sfintegration.io", "integrationusers")).containsExactlyInAnyOrder("get", "list", "watch");
        for (JsonNode role : List.of(edit, view)) {
            assertThat(role.path("rules").toString()).doesNotContain("/status", "clustersalesforceorgs", "secrets", "\"*\"");
        }
        // the cluster-scoped org is for cluster admins only: its role aggregates nowhere and is bound to nobody
        var clusterOrgs = named(docs, "ClusterRole", ChartFiles.RELEASE + "-cluster-org-admin");
        assertThat(clusterOrgs.at("/metadata/labels").toString()).doesNotContain("aggregate-to");
        assertThat(verbs(clusterOrgs.path("rules"), "sfintegration.io", "clustersalesforceorgs")).contains("create", "delete");
        assertThat(ofKind(docs, "ClusterRoleBinding")).noneMatch(b -> b.at("/roleRef/name").asText().endsWith("-cluster-org-admin"));

        assertThat(names(documents(render(Map.of("rbac.tenantRoles", false))), "ClusterRole"))
                .doesNotContain(ChartFiles.RELEASE + "-edit", ChartFiles.RELEASE + "-view", ChartFiles.RELEASE + "-cluster-org-admin");
    }

    @Test
    void networkPolicyAndDisruptionBudgetAreOptional() {
        var defaults = documents(render(Map.of()));
        assertThat(ofKind(defaults, "NetworkPolicy")).isEmpty();
        assertThat(ofKind(defaults, "PodDisruptionBudget")).isEmpty();

        var docs = documents(render(Map.of("networkPolicy.enabled", true, "podDisruptionBudget.enabled", true,
                "networkPolicy.ingressFrom[0].namespaceSelector.matchLabels.name", "monitoring")));
        var selector = deployment(docs).at("/spec/selector/matchLabels");
        var policy = ofKind(docs, "NetworkPolicy").get(0);
        assertThat(policy.at("/spec/podSelector/matchLabels")).isEqualTo(selector);
        assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\"]");
        assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
        assertThat(policy.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/name").asText()).isEqualTo("monitoring");
        var pdb = ofKind(docs, "PodDisruptionBudget").get(0);
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(selector);
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec/minAvailable").isMissingNode()).isTrue();

        var restricted = documents(render(Map.of("networkPolicy.enabled", true,
                "networkPolicy.egress[0].ports[0].port", 443, "podDisruptionBudget.enabled", true,
                "podDisruptionBudget.minAvailable", 1)));
        assertThat(ofKind(restricted, "NetworkPolicy").get(0).at("/spec/policyTypes").toString()).contains("Egress");
        assertThat(ofKind(restricted, "NetworkPolicy").get(0).at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(443);
        var minAvailable = ofKind(restricted, "PodDisruptionBudget").get(0);
        assertThat(minAvailable.at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(minAvailable.at("/spec/maxUnavailable").isMissingNode()).isTrue();
    }

    private static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static List<String> names(List<JsonNode> docs, String kind) {
        return ofKind(docs, kind).stream().map(d -> d.at("/metadata/name").asText()).toList();
    }

    private static JsonNode deployment(List<JsonNode> docs) {
        return ofKind(docs, "Deployment").get(0);
    }

    private static Map<String, String> env(JsonNode deployment) {
        var env = new java.util.LinkedHashMap<String, String>();
        deployment.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    private static List<String> verbs(JsonNode rules, String group, String resource) {
        List<String> verbs = new ArrayList<>();
        for (JsonNode rule : rules) {
            boolean groupMatches = rule.path("apiGroups").toString().contains("\"" + group + "\"");
            boolean resourceMatches = rule.path("resources").toString().contains("\"" + resource + "\"");
            if (groupMatches && resourceMatches) {
                rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            }
        }
        return verbs;
    }
}
