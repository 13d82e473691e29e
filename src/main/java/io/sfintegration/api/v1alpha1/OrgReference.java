package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * Points at a SalesforceOrg in the same namespace, or at a ClusterSalesforceOrg that allows the namespace; other
 * cross-namespace references are deliberately impossible.
 */
public class OrgReference {

    @Default("SalesforceOrg")
    @JsonPropertyDescription("SalesforceOrg (in the same namespace, the default) or ClusterSalesforceOrg (cluster-wide; "
            + "its spec.allowedNamespaces must allow this namespace).")
    private OrgKind kind;

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @JsonPropertyDescription("Name of the SalesforceOrg in the same namespace, or of the ClusterSalesforceOrg.")
    private String name;

    public OrgReference() {
    }

    public OrgReference(String name) {
        this.name = name;
    }

    public OrgReference(OrgKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public OrgKind getKind() {
        return kind;
    }

    public void setKind(OrgKind kind) {
        this.kind = kind;
    }

    /** The kind in force: absent (YAML written before the field existed, or a client that omits it) is SalesforceOrg. */
    @JsonIgnore
    public boolean cluster() {
        return kind == OrgKind.ClusterSalesforceOrg;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
