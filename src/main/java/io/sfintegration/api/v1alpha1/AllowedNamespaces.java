package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.List;

/** Which namespaces may use a ClusterSalesforceOrg: those listed by name, and those whose labels match the selector. */
public class AllowedNamespaces {

    @JsonPropertyDescription("Namespaces allowed by name.")
    private List<String> names;

    @JsonPropertyDescription("Namespaces allowed by their labels (a standard label selector; {} matches every namespace).")
    private LabelSelector selector;

    public List<String> getNames() {
        return names;
    }

    public void setNames(List<String> names) {
        this.names = names;
    }

    public LabelSelector getSelector() {
        return selector;
    }

    public void setSelector(LabelSelector selector) {
        this.selector = selector;
    }
}
