package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.sfintegration.api.v1alpha1.AllowedNamespaces;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrgSpec;
import io.sfintegration.salesforce.OrgKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which namespaces a cluster org allows, and its view: Secrets' namespace, its own cache key. */
class ClusterOrgsTest {

    @Test
    void namesOrSelectorAllowAndNothingAllowsWhenAbsent() {
        ClusterSalesforceOrg org = org(null);
        assertThat(ClusterOrgs.allows(org, ns("team-a", Map.of()), "team-a")).as("no allowedNamespaces").isFalse();

        AllowedNamespaces allowed = new AllowedNamespaces();
        allowed.setNames(List.of("team-a"));
        allowed.setSelector(new LabelSelectorBuilder().addToMatchLabels("salesforce", "yes")
                .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("prod").endMatchExpression().build());
        org = org(allowed);
        assertThat(ClusterOrgs.allows(org, ns("team-a", Map.of()), "team-a")).isTrue();
        assertThat(ClusterOrgs.allows(org, ns("team-b", Map.of("salesforce", "yes")), "team-b")).isTrue();
        assertThat(ClusterOrgs.allows(org, ns("team-c", Map.of("salesforce", "yes", "tier", "prod")), "team-c")).isFalse();
        assertThat(ClusterOrgs.allows(org, ns("team-d", Map.of()), "team-d")).isFalse();
        assertThat(ClusterOrgs.allows(org, null, "team-e")).as("namespace not in the cache").isFalse();

        AllowedNamespaces everything = new AllowedNamespaces();
        everything.setSelector(new LabelSelectorBuilder().build());
        assertThat(ClusterOrgs.allows(org(everything), ns("any", Map.of()), "any")).as("{} matches all").isTrue();
    }

    @Test
    void theViewReadsSecretsInTheClusterSecretsNamespaceAndHasItsOwnKey() {
        ClusterSalesforceOrg org = org(null);
        var view = new ClusterOrgs("sfio-system").view(org);
        assertThat(view.getMetadata().getNamespace()).isEqualTo("sfio-system");
        assertThat(view.getSpec()).isSameAs(org.getSpec());
        assertThat(OrgKey.of(view)).isEqualTo("/shared").isNotEqualTo(OrgKey.namespaced("sfio-system", "shared"));
        assertThat(org.getMetadata().getLabels()).as("the cluster object is not changed").isNullOrEmpty();
    }

    private static ClusterSalesforceOrg org(AllowedNamespaces allowed) {
        ClusterSalesforceOrg org = new ClusterSalesforceOrg();
        org.getMetadata().setName("shared");
        ClusterSalesforceOrgSpec spec = new ClusterSalesforceOrgSpec();
        spec.setAllowedNamespaces(allowed);
        org.setSpec(spec);
        return org;
    }

    private static Namespace ns(String name, Map<String, String> labels) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }
}
